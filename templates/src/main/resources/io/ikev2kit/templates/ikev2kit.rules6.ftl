# IPv6 rules for the IKEv2 VPN at ${host}, written by ikev2kit; ip6tables-restore format, loaded like ikev2kit.rules.
<#if !uplinkKnown>
# ${uplinkPlaceholder} stands for the internet-facing interface; install.sh puts in the one of the default route.
</#if>
<#if nat66>
*nat
:IKEV2KIT-POSTROUTING - [0:0]
-I POSTROUTING 1 -j IKEV2KIT-POSTROUTING
-A IKEV2KIT-POSTROUTING -s ${ipv6Pool} -o ${uplink} -j MASQUERADE
COMMIT
</#if>
*mangle
:IKEV2KIT-FORWARD - [0:0]
-I FORWARD 1 -j IKEV2KIT-FORWARD
-A IKEV2KIT-FORWARD -s ${ipv6Pool} -p tcp -m tcp --tcp-flags SYN,RST SYN -m tcpmss --mss ${mss6Above}:65535 -j TCPMSS --set-mss ${mss6}
-A IKEV2KIT-FORWARD -d ${ipv6Pool} -p tcp -m tcp --tcp-flags SYN,RST SYN -m tcpmss --mss ${mss6Above}:65535 -j TCPMSS --set-mss ${mss6}
COMMIT
*filter
:IKEV2KIT-FORWARD - [0:0]
-I FORWARD 1 -j IKEV2KIT-FORWARD
<#if isolateClients>
# isolate-clients: no client reaches another
-A IKEV2KIT-FORWARD -s ${ipv6Pool} -d ${ipv6Pool} -j DROP
</#if>
<#list restrictedDevices as device>
<#if device.ipv6?has_content>
# device ${device.name} may reach only what its traffic selectors name
<#list device.allowed6 as block>
-A IKEV2KIT-FORWARD -s ${device.ipv6} -d ${block} -j ACCEPT
</#list>
-A IKEV2KIT-FORWARD -s ${device.ipv6} -j DROP
</#if>
</#list>
-A IKEV2KIT-FORWARD -s ${ipv6Pool} -j ACCEPT
-A IKEV2KIT-FORWARD -d ${ipv6Pool} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
COMMIT
