#!/usr/sbin/nft -f
# NAT for the IKEv2 VPN at ${host}, written by ikev2kit. Touches only its own table "inet ikev2kit":
# loading it again replaces that table in one transaction and leaves every other rule alone.
<#if !uplinkKnown>
# ${uplinkPlaceholder} stands for the internet-facing interface; install.sh puts in the one of the default route.
</#if>
# Forwarding is not opened here: an accept in this table cannot override a drop in another one, so if your own
# forward chain drops by default, add there: ip saddr ${ipv4Pool} accept; ct state established,related accept

table inet ikev2kit
delete table inet ikev2kit

table inet ikev2kit {
    chain postrouting {
        type nat hook postrouting priority srcnat; policy accept;
        ip saddr ${ipv4Pool} oifname "${uplink}" masquerade
<#if nat66>
        ip6 saddr ${ipv6Pool} oifname "${uplink}" masquerade
</#if>
    }

    # Path MTU discovery through the tunnel often fails (ICMP filtered on the way): lower the MSS of TCP
    # handshakes to what fits into ESP, in both directions
    chain forward {
        type filter hook forward priority mangle; policy accept;
        ip saddr ${ipv4Pool} tcp flags & (syn | rst) == syn tcp option maxseg size > ${mss4} tcp option maxseg size set ${mss4}
        ip daddr ${ipv4Pool} tcp flags & (syn | rst) == syn tcp option maxseg size > ${mss4} tcp option maxseg size set ${mss4}
<#if ipv6Pool?has_content>
        ip6 saddr ${ipv6Pool} tcp flags & (syn | rst) == syn tcp option maxseg size > ${mss6} tcp option maxseg size set ${mss6}
        ip6 daddr ${ipv6Pool} tcp flags & (syn | rst) == syn tcp option maxseg size > ${mss6} tcp option maxseg size set ${mss6}
</#if>
    }
<#if isolateClients || restrictedDevices?has_content>

    # What a client may reach through the VPN; a drop here is final, whatever other tables accept
    chain filter {
        type filter hook forward priority filter; policy accept;
<#if isolateClients>
        # isolate-clients: no client reaches another
        ip saddr ${ipv4Pool} ip daddr ${ipv4Pool} drop
<#if ipv6Pool?has_content>
        ip6 saddr ${ipv6Pool} ip6 daddr ${ipv6Pool} drop
</#if>
</#if>
<#list restrictedDevices as device>
        # device ${device.name} may reach only what its traffic selectors name
<#if device.ipv4?has_content>
        ip saddr ${device.ipv4}<#if device.allowed4?has_content> ip daddr != { ${device.allowed4?join(", ")} }</#if> drop
</#if>
<#if device.ipv6?has_content>
        ip6 saddr ${device.ipv6}<#if device.allowed6?has_content> ip6 daddr != { ${device.allowed6?join(", ")} }</#if> drop
</#if>
</#list>
    }
</#if>
}
