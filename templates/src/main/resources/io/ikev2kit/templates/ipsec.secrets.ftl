# the server's private key for the ikev2kit connection in /etc/ipsec.conf (file in /etc/ipsec.d/private/)
: ${keyKind} ${serverKeyFile}
