# IPv4 NAT for the IKEv2 VPN at ${host}, written by ikev2kit; iptables-restore format.
# Only the IKEV2KIT-* chains are ours. install.sh loads this with "iptables-restore --noflush" after removing
# earlier jumps to them, so loading it again neither duplicates rules nor touches yours.
<#if !uplinkKnown>
# ${uplinkPlaceholder} stands for the internet-facing interface; install.sh puts in the one of the default route.
</#if>
*nat
:IKEV2KIT-POSTROUTING - [0:0]
-I POSTROUTING 1 -j IKEV2KIT-POSTROUTING
-A IKEV2KIT-POSTROUTING -s ${ipv4Pool} -o ${uplink} -j MASQUERADE
COMMIT
*mangle
:IKEV2KIT-FORWARD - [0:0]
-I FORWARD 1 -j IKEV2KIT-FORWARD
# path MTU discovery through the tunnel often fails: lower the MSS of TCP handshakes to what fits into ESP
-A IKEV2KIT-FORWARD -s ${ipv4Pool} -p tcp -m tcp --tcp-flags SYN,RST SYN -m tcpmss --mss ${mss4Above}:65535 -j TCPMSS --set-mss ${mss4}
-A IKEV2KIT-FORWARD -d ${ipv4Pool} -p tcp -m tcp --tcp-flags SYN,RST SYN -m tcpmss --mss ${mss4Above}:65535 -j TCPMSS --set-mss ${mss4}
COMMIT
*filter
:IKEV2KIT-FORWARD - [0:0]
-I FORWARD 1 -j IKEV2KIT-FORWARD
<#if isolateClients>
# isolate-clients: no client reaches another
-A IKEV2KIT-FORWARD -s ${ipv4Pool} -d ${ipv4Pool} -j DROP
</#if>
<#list restrictedDevices as device>
<#if device.ipv4?has_content>
# device ${device.name} may reach only what its traffic selectors name
<#list device.allowed4 as block>
-A IKEV2KIT-FORWARD -s ${device.ipv4} -d ${block} -j ACCEPT
</#list>
-A IKEV2KIT-FORWARD -s ${device.ipv4} -j DROP
</#if>
</#list>
# ahead of a default-drop FORWARD policy (Docker sets one): let the clients out and the answers back in
-A IKEV2KIT-FORWARD -s ${ipv4Pool} -j ACCEPT
-A IKEV2KIT-FORWARD -d ${ipv4Pool} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
COMMIT
