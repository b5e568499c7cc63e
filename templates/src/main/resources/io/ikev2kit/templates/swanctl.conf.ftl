# strongSwan swanctl configuration for the IKEv2 VPN "${displayName}" at ${host}, written by ikev2kit.
# Certificates and the key live next to this file (x509ca/, x509/, private/, ikev2kit/ for the CRL); load with:
# swanctl --load-all

connections {
    ${connection} {
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
            # any identity the certificate proves: Apple sends NAME@HOST (as an RFC 822 or FQDN identity),
            # Windows sends the certificate's subject DN; cacerts above is what admits a device
            id = %any
        }
        children {
            ${connection} {
                local_ts = ${trafficSelectors}
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
        addrs = ${ipv4Pool}
<#if dns?has_content>
        # every client gets an IPv4 address, so this pool carries all DNS servers
        dns = ${dns}
</#if>
    }
<#if ipv6Pool?has_content>
    ${connection}-v6 {
        addrs = ${ipv6Pool}
    }
</#if>
}
