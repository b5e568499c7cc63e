# Loads the ikev2kit iptables chains at boot, written by ikev2kit, in place of iptables-persistent (whose package
# removes ufw and would save everyone's rules, Docker's included). Only the IKEV2KIT-* chains and the jumps to
# them are touched: the rules files declare (and so flush) the chains and insert one jump each; stopping removes
# the jumps, so a restart leaves exactly one.
[Unit]
Description=NAT for the ikev2kit IKEv2 VPN (iptables chains IKEV2KIT-*)
After=network-pre.target
Before=network.target strongswan.service strongswan-starter.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/sbin/iptables-restore -w --noflush /etc/iptables/ikev2kit.rules
<#if ipv6Pool?has_content>
ExecStart=/usr/sbin/ip6tables-restore -w --noflush /etc/iptables/ikev2kit.rules6
</#if>
ExecStop=-/usr/sbin/iptables -w -t nat -D POSTROUTING -j IKEV2KIT-POSTROUTING
ExecStop=-/usr/sbin/iptables -w -t mangle -D FORWARD -j IKEV2KIT-FORWARD
ExecStop=-/usr/sbin/iptables -w -t filter -D FORWARD -j IKEV2KIT-FORWARD
<#if ipv6Pool?has_content>
<#if nat66>
ExecStop=-/usr/sbin/ip6tables -w -t nat -D POSTROUTING -j IKEV2KIT-POSTROUTING
</#if>
ExecStop=-/usr/sbin/ip6tables -w -t mangle -D FORWARD -j IKEV2KIT-FORWARD
ExecStop=-/usr/sbin/ip6tables -w -t filter -D FORWARD -j IKEV2KIT-FORWARD
</#if>

[Install]
WantedBy=multi-user.target
