# ipsec.conf for the IKEv2 VPN "${displayName}" at ${host}, written by ikev2kit.
# The legacy (starter/stroke) form of the connection in /etc/swanctl/swanctl.conf: run one of them, not both.

config setup
    # a device that reconnects replaces its old SA instead of holding a second address
    uniqueids = replace

# what every connection below shares; starter loads only the conns with auto = add
conn ${connection}-common
    keyexchange = ikev2
    # '!' accepts exactly these proposals: what the generated Apple, Windows and Android profiles send
    ike = ${ikeProposals}!
    esp = ${espProposals}!
    # the clients rekey: Windows takes a server-started IKE rekeying only with modp2048 proposed first, and rejects a
    # server-started CHILD_SA rekeying behind NAT (strongSwan docs, interop/windowsClients)
    rekey = no
    fragmentation = yes
    mobike = yes
    dpddelay = ${dpdDelay}
    dpdaction = clear
    left = %any
    leftid = ${leftId}
    leftcert = ${serverCertFile}
    leftsendcert = always
    leftauth = pubkey
    right = %any
    rightauth = pubkey
<#if caDn?has_content>
    rightca = "${caDn}"
<#else>
    # the CA's subject has a character that ipsec.conf's rightca cannot express: every CA in /etc/ipsec.d/cacerts is trusted
</#if>
<#if dns?has_content>
    rightdns = ${dns}
</#if>

<#if genericIds?has_content>
# Any device of the site's CA, by the identity forms its certificate proves (Windows: the subject DN; Apple and Android:
# NAME@HOST). Typed wildcards, not %any: a device's own conn below names its identity exactly, which wins.
<#list genericIds as generic>
conn ${generic.name}
    also = ${connection}-common
    rightid = ${generic.id}
    leftsubnet = ${trafficSelectors}
    rightsourceip = ${ipv4DynamicPool}<#if ipv6DynamicPool?has_content>,${ipv6DynamicPool}</#if>
    auto = add

</#list>
<#else>
# Some device may reach only some networks, so no conn admits any device of the CA (a wildcard identity would land
# there); every valid device has its own, and one added later connects after the bundle is installed again.

</#if>
<#list devices as device>
<#list device.ids as form>
# device ${device.name}<#if device.fixed?has_content>: always ${device.fixed}</#if><#if device.allowed?has_content>; may reach only ${device.allowed}</#if>
conn ${form.connection}
    also = ${connection}-common
    rightid = ${form.id}
    leftsubnet = ${device.localTs}
    rightsourceip = ${device.sourceIps}
    auto = add

</#list>
</#list>
