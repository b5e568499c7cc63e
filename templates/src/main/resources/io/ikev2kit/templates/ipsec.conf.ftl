# ipsec.conf for the IKEv2 VPN "${displayName}" at ${host}, written by ikev2kit.
# The legacy (starter/stroke) form of the connection in /etc/swanctl/swanctl.conf: run one of them, not both.

config setup
    # a device that reconnects replaces its old SA instead of holding a second address
    uniqueids = replace

conn ${connection}
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
    leftsubnet = ${trafficSelectors}
    right = %any
    # any identity the certificate proves: Apple sends NAME@HOST, Windows the certificate's subject DN
    rightid = %any
    rightauth = pubkey
<#if caDn?has_content>
    rightca = "${caDn}"
<#else>
    # the CA's subject has a character that ipsec.conf's rightca cannot express: every CA in /etc/ipsec.d/cacerts is trusted
</#if>
    rightsourceip = ${ipv4Pool}<#if ipv6Pool?has_content>,${ipv6Pool}</#if>
<#if dns?has_content>
    rightdns = ${dns}
</#if>
    auto = add
