# strongSwan swanctl configuration for the IKEv2 VPN "${displayName}" at ${host}, written by ikev2kit.
# Certificates and the key live next to this file (x509ca/, x509/, private/, ikev2kit/ for the CRL); load with:
# swanctl --load-all

<#-- one connection: the generic ones admit any device of the site's CA, a device's own binds its fixed
     addresses and allowed networks to its identity -->
<#macro conn name id pools localTs>
    ${name} {
        version = 2
        # exactly what the generated Apple, Windows and Android profiles propose
        proposals = ${ikeProposals}
        # the clients rekey the IKE SA: Windows takes a rekeying started by the server only when that proposes
        # modp2048 first (strongSwan docs, interop/windowsClients), and the server proposes the site's own group
        rekey_time = 0s
        # a device that reconnects (new network, woke up) replaces its old SA instead of holding a second address
        unique = replace
        send_cert = always
        mobike = yes
        fragmentation = yes
        encap = no
        dpd_delay = ${dpdDelay}
        pools = ${pools}

        local {
            auth = pubkey
            certs = ${serverCertFile}
            id = ${serverIdentity}
        }
        remote {
            auth = pubkey
            cacerts = ${caFile}
            id = ${id}
        }
        children {
            ${name} {
                local_ts = ${localTs}
                # with the PFS group (iOS, Windows, Android) and without it (macOS sends none)
                esp_proposals = ${espProposals}
                # the clients rekey: Windows behind NAT rejects a server-started CHILD_SA rekeying (error 13863) and
                # one with a DH group it did not expect (13816) (strongSwan docs, interop/windowsClients); the server
                # never lets an SA expire under them
                rekey_time = 0s
                dpd_action = clear
            }
        }
    }
</#macro>
connections {
<#if genericIds?has_content>
    # Any device of the site's CA, by the identity forms its certificate proves: the subject DN (Windows) and the
    # e-mail address NAME@HOST (Apple, Android). Typed wildcards, not %any: a device's own connection below names
    # its identity exactly, and an exact match always beats a wildcard (strongSwan, backend_manager.c); other
    # identity types (key ids, FQDN, addresses) match no connection.
<#list genericIds as generic>
<@conn name=generic.name id=generic.id pools=pools localTs=trafficSelectors/>
</#list>
<#else>
    # Some device may reach only some networks, so there is no connection for any device of the CA: a device could
    # otherwise present a wildcard identity its certificate proves ("*@HOST", "CN=*") and land in it. Every valid
    # device has its own connections; one added later connects after the bundle is written and installed again.
</#if>
<#list devices as device>
    # device ${device.name}<#if device.fixed?has_content>: always ${device.fixed}</#if><#if device.allowed?has_content>; may reach only ${device.allowed}</#if>
<#list device.ids as form>
<@conn name=form.connection id=form.id pools=device.pools localTs=device.localTs/>
</#list>
</#list>
}

authorities {
    ${connection} {
        cacert = ${caFile}
        # charon reads the CRL itself (curl plugin, file://), so it may have any size: swanctl's x509crl/
        # directory goes through vici, whose values end at 64 KiB (about 1,300 revoked devices). Present from
        # the start, so that 'install.sh --crl-only' after the first revocation needs no other file.
        crl_uris = ${crlUri}
    }
}

pools {
    ${connection}-v4 {
        addrs = ${ipv4DynamicPool}
<#if dns?has_content>
        # every client gets an IPv4 address, so this pool carries all DNS servers
        dns = ${dns}
</#if>
    }
<#if ipv6Pool?has_content>
    ${connection}-v6 {
        addrs = ${ipv6DynamicPool}
    }
</#if>
<#list devices as device>
<#list device.ownPools as pool>
    ${pool.name} {
        addrs = ${pool.address}
<#if pool.dns?has_content>
        dns = ${pool.dns}
</#if>
    }
</#list>
</#list>
}
