# Loads the ikev2kit NAT table at boot, written by ikev2kit: only that table, so the rest of the firewall stays
# yours. nftables.service's "flush ruleset" removes it on every start, restart and reload of nftables, so this
# unit follows all three (systemd.unit(5): After= orders it behind, PartOf= passes on stop and restart,
# ReloadPropagatedFrom= passes on reload).
[Unit]
Description=NAT for the ikev2kit IKEv2 VPN (nftables table inet ikev2kit)
After=nftables.service network-pre.target
PartOf=nftables.service
ReloadPropagatedFrom=nftables.service
Before=strongswan.service strongswan-starter.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/sbin/nft -f /etc/nftables.d/ikev2kit.nft
ExecReload=/usr/sbin/nft -f /etc/nftables.d/ikev2kit.nft
ExecStop=-/usr/sbin/nft delete table inet ikev2kit

[Install]
WantedBy=multi-user.target
