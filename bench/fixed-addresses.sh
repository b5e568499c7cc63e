#!/bin/sh
# Measures what a fixed address per device costs strongSwan (docs/fixed-addresses.md): a real charon in a network
# namespace loads a swanctl configuration with a connection and one-address pools per device for N devices (default
# 10000), then one client connects while all of them are loaded. FORMS=2 gives each device a connection per identity
# form (subject DN and e-mail), FORMS=1 only the DN one; FAMILIES=2 gives it an IPv4 and an IPv6 address, FAMILIES=1
# only IPv4. Needs root, charon, swanctl, pki, ip. Usage: [FORMS=1|2] [FAMILIES=1|2] bench/fixed-addresses.sh [N]
set -eu
N=${1:-10000}
FORMS=${FORMS:-1}
FAMILIES=${FAMILIES:-2}
HOST=vpn.test
ORG="O=ikev2kit bench"
work=$(mktemp -d /tmp/ikev2kit-fixed-XXXXXX)
suffix=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
srv=ikev2kit-bench-$suffix-server
cli=ikev2kit-bench-$suffix-client
cleanup() {
    for ns in "$srv" "$cli"; do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    done
    sleep 1
    ip netns delete "$srv" 2>/dev/null || true
    ip netns delete "$cli" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# credentials, made with strongSwan's pki
cat > "$work/pki.conf" <<EOF
pki { load = pem pkcs1 pkcs8 x509 openssl random nonce sha1 sha2 }
EOF
export STRONGSWAN_CONF="$work/pki.conf"
pki --gen --type ecdsa --size 256 --outform pem > "$work/ca.key"
pki --self --ca --lifetime 30 --in "$work/ca.key" --dn "C=DE, $ORG, CN=bench CA" --outform pem > "$work/ca.pem"
pki --gen --type ecdsa --size 256 --outform pem > "$work/server.key"
pki --pub --in "$work/server.key" | pki --issue --lifetime 30 --cacert "$work/ca.pem" --cakey "$work/ca.key" \
    --dn "CN=$HOST" --san "$HOST" --flag serverAuth --flag ikeIntermediate --outform pem > "$work/server.pem"
pki --gen --type ecdsa --size 256 --outform pem > "$work/dev.key"
# the client is the last device, so its connection is the last one charon compares
pki --pub --in "$work/dev.key" | pki --issue --lifetime 30 --cacert "$work/ca.pem" --cakey "$work/ca.key" \
    --dn "C=DE, $ORG, CN=d$N@$HOST" --san "email:d$N@$HOST" --flag clientAuth --outform pem > "$work/dev.pem"
unset STRONGSWAN_CONF

ip netns add "$srv"
ip netns add "$cli"
ip -n "$cli" link add eth0 type veth peer name eth1 netns "$srv"
ip -n "$cli" addr add 192.0.2.2/24 dev eth0
ip -n "$srv" addr add 192.0.2.1/24 dev eth1
for ns in "$srv" "$cli"; do ip -n "$ns" link set lo up; ip -n "$ns" link set $([ "$ns" = "$srv" ] && echo eth1 || echo eth0) up; done

charon_conf() { # DIR
    cat > "$1/strongswan.conf" <<EOF
charon {
    load = kdf hmac sha1 sha2 aes gcm random nonce x509 pem pkcs1 pkcs8 openssl revocation constraints pubkey kernel-libipsec kernel-netlink socket-default vici attr
    install_routes = no
    filelog { log { path = $1/charon.log
                    default = 1 } }
    plugins { vici { socket = unix://$1/charon.vici } }
}
swanctl { load = pem pkcs1 pkcs8 x509 openssl random nonce sha1 sha2 constraints pubkey }
EOF
}
start_charon() { # NS DIR
    charon_conf "$2"
    STRONGSWAN_CONF="$2/strongswan.conf" ip netns exec "$1" unshare -m sh -c \
        "mount -t tmpfs none /run && exec /usr/lib/ipsec/charon" > "$2/charon.out" 2>&1 &
    while ! STRONGSWAN_CONF="$2/strongswan.conf" swanctl --stats --uri "unix://$2/charon.vici" > /dev/null 2>&1; do sleep 0.1; done
}
stop_charon() { # NS
    for pid in $(ip netns pids "$1"); do kill "$pid"; done
    while [ -n "$(ip netns pids "$1")" ]; do sleep 0.1; done
}
swan() { # DIR ARGS...
    d=$1; shift
    STRONGSWAN_CONF="$d/strongswan.conf" swanctl "$@" --uri "unix://$d/charon.vici"
}
now() { date +%s.%N; }
rss() { # NS: charon's resident memory in MiB
    for pid in $(ip netns pids "$1"); do
        awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null
    done
}
server_dir() { # NAME
    d="$work/$1"
    mkdir -p "$d/x509" "$d/x509ca" "$d/private"
    cp "$work/server.pem" "$d/x509/"
    cp "$work/ca.pem" "$d/x509ca/"
    cp "$work/server.key" "$d/private/"
    echo "$d"
}
# one connection; FIXED=yes gives it its own one-address pools, CERTS=yes names the certificate files per connection
conn() { # NAME ID POOLS
    cat <<EOF
    $1 {
        version = 2
        proposals = aes256gcm16-prfsha384-ecp384
        rekey_time = 0s
        unique = replace
        send_cert = always
        pools = $3
        local {
            auth = pubkey
            $( [ "$CERTS" = yes ] && echo "certs = server.pem" )
            id = $HOST
        }
        remote {
            auth = pubkey
            $( [ "$CERTS" = yes ] && echo "cacerts = ca.pem" )
            id = $2
        }
        children {
            $1 {
                local_ts = 0.0.0.0/0, ::/0
                esp_proposals = aes256gcm16-ecp384
                rekey_time = 0s
            }
        }
    }
EOF
}
per_device_config() { # FILE
    {
        echo "connections {"
        CERTS=yes conn generic-dn '"C=DE, '"$ORG"', CN=*"' dyn4,dyn6
        CERTS=no conn generic-email "email:*@$HOST" dyn4,dyn6
        i=1
        while [ "$i" -le "$N" ]; do
            # both identity forms a device's certificate proves: its subject DN (Windows) and its e-mail (Apple)
            pools=d$i-4
            [ "$FAMILIES" = 2 ] && pools=$pools,d$i-6 || pools=$pools,dyn6
            conn "d$i-dn" "\"C=DE, $ORG, CN=d$i@$HOST\"" "$pools"
            [ "$FORMS" = 2 ] && conn "d$i-email" "email:d$i@$HOST" "$pools"
            i=$((i + 1))
        done
        echo "}"
        echo "pools {"
        echo "    dyn4 { addrs = 10.20.0.0/16 }"
        echo "    dyn6 { addrs = fd00:20::/112 }"
        i=1
        while [ "$i" -le "$N" ]; do
            echo "    d$i-4 { addrs = 10.10.$((i / 256)).$((i % 256))/32 }"
            [ "$FAMILIES" = 2 ] && echo "    d$i-6 { addrs = fd00:10::$(printf %x "$i")/128 }"
            i=$((i + 1))
        done
        echo "}"
    } > "$1"
}

measure_load() { # LABEL DIR
    start_charon "$srv" "$2"
    before=$(rss "$srv")
    t0=$(now)
    swan "$2" --load-all --file "$2/swanctl.conf" > "$2/load.out" 2>&1
    t1=$(now)
    grep -E 'successfully|failed' "$2/load.out" | grep -v 'opening directory' | sed 's/^/    /'
    after=$(rss "$srv")
    # the same file once more, loading only the three credential files: what parsing it costs swanctl alone
    swan "$2" --load-creds --file "$2/swanctl.conf" > /dev/null 2>&1
    t2=$(now)
    printf '%s: swanctl --load-all %.2f s (of which parsing the file, as --load-creds alone takes: %.2f s), charon RSS %s MiB before, %s MiB after\n' \
        "$1" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$before" "$after"
}

# the client: the last device, presenting its subject DN
cdir="$work/client"
mkdir -p "$cdir/x509" "$cdir/x509ca" "$cdir/private"
cp "$work/dev.pem" "$cdir/x509/"; cp "$work/ca.pem" "$cdir/x509ca/"; cp "$work/dev.key" "$cdir/private/"
cat > "$cdir/swanctl.conf" <<EOF
connections {
    home {
        version = 2
        remote_addrs = 192.0.2.1
        proposals = aes256gcm16-prfsha384-ecp384
        vips = 0.0.0.0, ::
        local { auth = pubkey
                certs = dev.pem
                id = "C=DE, $ORG, CN=d$N@$HOST" }
        remote { auth = pubkey
                 id = $HOST }
        children { home { remote_ts = 0.0.0.0/0, ::/0
                          esp_proposals = aes256gcm16-ecp384 } }
    }
}
EOF

# (0) today's form: one connection, one pool pair
d=$(server_dir single)
{ echo "connections {"; CERTS=yes conn generic '%any' dyn4,dyn6; echo "}"
  echo "pools {"; echo "    dyn4 { addrs = 10.20.0.0/16 }"; echo "    dyn6 { addrs = fd00:20::/112 }"; echo "}"; } > "$d/swanctl.conf"
measure_load "one connection (today)" "$d"
stop_charon "$srv"

# (a) a connection and two one-address pools per device, credentials named once (CERTS=no: charon finds them by id)
d=$(server_dir perdevice)
CERTS=no per_device_config "$d/swanctl.conf"
echo "per-device configuration: $(wc -c < "$d/swanctl.conf") bytes"
measure_load "$((FORMS * N)) connections + $((FAMILIES * N)) pools" "$d"

start_charon "$cli" "$cdir"
swan "$cdir" --load-all --file "$cdir/swanctl.conf" > /dev/null 2>&1
for attempt in 1 2 3; do
    t0=$(now)
    swan "$cdir" --initiate --child home --timeout 20 > "$cdir/initiate.out" 2>&1 || { cat "$cdir/initiate.out"; exit 1; }
    t1=$(now)
    printf 'handshake (IKE_SA_INIT + IKE_AUTH, %s connections loaded): %.3f s, virtual IPs %s\n' "$((FORMS * N + 2))" "$(echo "$t1 - $t0" | bc)" \
        "$(swan "$cdir" --list-sas --raw | grep -o 'local-vips=\[[^]]*\]')"
    swan "$cdir" --terminate --ike home > /dev/null 2>&1
    sleep 0.5
done
printf 'charon RSS after the handshakes: %s MiB\n' "$(rss "$srv")"
stop_charon "$cli"
stop_charon "$srv"

