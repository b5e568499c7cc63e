# Kernel settings for the IKEv2 VPN at ${host}, written by ikev2kit. Apply with: sysctl --system
# route the clients' traffic
net.ipv4.ip_forward = 1
net.ipv6.conf.all.forwarding = 1
# with forwarding on, the kernel ignores router advertisements; 2 keeps the server's own IPv6 address and
# default route from SLAAC on the uplink<#if !uplinkKnown> (install.sh writes in the interface of the default route)</#if>
net.ipv6.conf.${uplinkSysctl}.accept_ra = 2
# a VPN server is no router for its LAN neighbours: no ICMP redirects sent or believed
net.ipv4.conf.all.send_redirects = 0
net.ipv4.conf.default.send_redirects = 0
net.ipv4.conf.all.accept_redirects = 0
net.ipv4.conf.default.accept_redirects = 0
net.ipv6.conf.all.accept_redirects = 0
net.ipv6.conf.default.accept_redirects = 0
