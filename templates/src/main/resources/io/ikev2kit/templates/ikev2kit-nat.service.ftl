# Loads the ikev2kit NAT table at boot, written by ikev2kit: only that table, so the rest of the firewall stays
# yours. Ordered after nftables.service, whose "flush ruleset" would otherwise remove it again.
[Unit]
Description=NAT for the ikev2kit IKEv2 VPN (nftables table inet ikev2kit)
After=nftables.service network-pre.target
PartOf=nftables.service
Before=strongswan.service strongswan-starter.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/sbin/nft -f /etc/nftables.d/ikev2kit.nft
ExecStop=-/usr/sbin/nft delete table inet ikev2kit

[Install]
WantedBy=multi-user.target
