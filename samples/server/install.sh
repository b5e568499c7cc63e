#!/bin/bash
# Installs the IKEv2 VPN server for vpn.example.com, written by ikev2kit. Safe to run again: unchanged files are left
# alone, and a file you changed since the last install is backed up before it is replaced.
#
#   sudo ./install.sh              install strongSwan (swanctl), sysctl settings and nftables NAT
#   sudo ./install.sh --dry-run    print what would be done, change nothing
#   sudo ./install.sh --help       all options
set -euo pipefail

HOST='vpn.example.com'
UPLINK=''
UPLINK_PLACEHOLDER='IKEV2KIT_UPLINK'
SWANCTL_FILES=( 'etc/swanctl/swanctl.conf:644' 'etc/swanctl/x509ca/ikev2kit-ca.pem:644' 'etc/swanctl/x509/ikev2kit-server.pem:644' 'etc/swanctl/private/ikev2kit-server.key:600')
SWANCTL_CRL_FILES=( 'etc/swanctl/ikev2kit/ikev2kit.crl:644')
LEGACY_FILES=( 'etc/ipsec.conf:644' 'etc/ipsec.secrets:600' 'etc/ipsec.d/cacerts/ikev2kit-ca.pem:644' 'etc/ipsec.d/certs/ikev2kit-server.pem:644' 'etc/ipsec.d/private/ikev2kit-server.key:600')
LEGACY_CRL_FILES=( 'etc/ipsec.d/crls/ikev2kit.crl:644')
SYSCTL_FILES=( 'etc/sysctl.d/99-vpn.conf:644')
NFTABLES_FILES=( 'etc/nftables.d/ikev2kit.nft:644' 'etc/systemd/system/ikev2kit-nat.service:644')
IPTABLES_FILES=( 'etc/iptables/ikev2kit.rules:644' 'etc/iptables/ikev2kit.rules6:644' 'etc/systemd/system/ikev2kit-iptables.service:644')
POOL4='10.10.10.0/24'
POOL6='fd00:10:10::/112'
# the revoked, unexpired device certificates as 'SERIAL IDENTITY': strongSwan checks the CRL only when a device
# authenticates, so their live sessions are ended here
REVOKED_DEVICES=( 'D539DE2FE896829DD47A852DC31F6BD old-phone@vpn.example.com')
CONNECTION='ikev2kit'
BUNDLE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STAMP=$(date +%Y%m%d-%H%M%S)
STATE_DIR=/var/lib/ikev2kit
MANIFEST=$STATE_DIR/installed.sha256
# serials whose sessions were ended after charon had loaded a CRL listing them (see end_revoked_sessions)
ENDED_SERIALS=$STATE_DIR/ended-serials
# backups stay out of /etc/swanctl and /etc/ipsec.d: strongSwan loads every file there, an old CA included
BACKUP_DIR=$STATE_DIR/backups
DRY_RUN=0
CRL_ONLY=0
LEGACY=0
NAT=nftables
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT

usage() {
    cat <<USAGE
Usage: sudo $0 [--dry-run] [--crl-only] [--legacy] [--iptables] [--uplink IFACE]

Installs the strongSwan IKEv2 server for $HOST from this bundle.

  --dry-run       print what would be done; change nothing
  --crl-only      only install the bundle's certificate revocation list and tell strongSwan to reload it
  --legacy        use the ipsec.conf form (strongswan-starter) instead of swanctl (charon-systemd)
  --iptables      NAT with iptables (loaded at boot by ikev2kit-iptables.service) instead of nftables
  --uplink IFACE  the internet-facing interface for NAT (default: the interface of the default route)
USAGE
}

die() {
    echo "install.sh: $*" >&2
    exit 1
}

say() {
    echo "$*"
}

run() {
    if [ "$DRY_RUN" = 1 ]; then
        echo "would run: $*"
    else
        "$@"
    fi
}

# "installed", or in a dry run "would be installed"
done_word() {
    if [ "$DRY_RUN" = 1 ]; then
        echo "would have $1"
    else
        echo "$1"
    fi
}

ARGS=("$@")
while [ $# -gt 0 ]; do
    case "$1" in
        --dry-run) DRY_RUN=1 ;;
        --crl-only) CRL_ONLY=1 ;;
        --legacy) LEGACY=1 ;;
        --iptables) NAT=iptables ;;
        --nftables) NAT=nftables ;;
        --uplink)
            [ $# -ge 2 ] || die "--uplink needs an interface name, e.g. --uplink eth0"
            UPLINK=$2
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            usage >&2
            die "unknown option '$1'"
            ;;
    esac
    shift
done

[ "$(id -u)" -eq 0 ] || die "this installs system files and services, so it must run as root: sudo $0 ${ARGS[*]:-}"

recorded_sum() {
    [ -f "$MANIFEST" ] || return 0
    awk -v p="$1" '$2 == p { s = $1 } END { if (s != "") print s }' "$MANIFEST"
}

record_sum() {
    [ "$DRY_RUN" = 1 ] && return 0
    mkdir -p "$STATE_DIR"
    chmod 700 "$STATE_DIR"
    { [ -f "$MANIFEST" ] && awk -v p="$2" '$2 != p' "$MANIFEST"; echo "$1 $2"; } >"$MANIFEST.new"
    mv "$MANIFEST.new" "$MANIFEST"
}

# the file as it will be installed: the uplink placeholder replaced (sysctl names eth0.100 as eth0/100)
staged() {
    local rel=$1 src=$BUNDLE/$1 value=$UPLINK out
    [ -f "$src" ] || die "$src is missing: the bundle is incomplete; write it again with 'ikev2kit server --out DIR'"
    if ! grep -q "$UPLINK_PLACEHOLDER" "$src"; then
        echo "$src"
        return 0
    fi
    case "$rel" in etc/sysctl.d/*) value=${UPLINK//./\/} ;; esac
    out=$STAGE/$(echo "$rel" | tr / _)
    sed "s|$UPLINK_PLACEHOLDER|$value|g" "$src" >"$out"
    echo "$out"
}

# install_file PATH:MODE copies BUNDLE/PATH to /PATH; a file changed since our last install is backed up first
install_file() {
    local rel=${1%:*} mode=${1##*:}
    local dest=/$rel src new old
    src=$(staged "$rel")
    new=$(sha256sum <"$src" | cut -d' ' -f1)
    if [ -f "$dest" ]; then
        old=$(sha256sum <"$dest" | cut -d' ' -f1)
        if [ "$old" = "$new" ]; then
            [ "$(stat -c %a "$dest")" = "$mode" ] || run chmod "$mode" "$dest"
            record_sum "$new" "$dest"
            say "unchanged $dest"
            return 0
        fi
        if [ "$old" != "$(recorded_sum "$dest")" ]; then
            local backup=$BACKUP_DIR$dest.bak-$STAMP
            run install -d -m 700 "$(dirname "$backup")"
            run cp -p "$dest" "$backup"
            say "$(done_word "backed up") your $dest to $backup"
        fi
    fi
    case "$rel" in */private/*) run install -d -m 700 "$(dirname "$dest")" ;; esac
    run install -D -o root -g root -m "$mode" "$src" "$dest"
    record_sum "$new" "$dest"
    say "$(done_word installed) $dest"
}

install_all() {
    local entry
    for entry in "$@"; do
        install_file "$entry"
    done
}

install_packages() {
    local missing=() package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        say "packages present: $*"
        return 0
    fi
    command -v apt-get >/dev/null || die "missing packages: ${missing[*]}; install them with your package manager, then run me again"
    say "installing ${missing[*]}"
    run apt-get update
    run env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
}

# a charon already running under the other service would hold UDP 500 and 4500
stop_service() {
    if systemctl is-active --quiet "$1" 2>/dev/null || systemctl is-enabled --quiet "$1" 2>/dev/null; then
        say "stopping $1: $2"
        run systemctl disable --now "$1"
    fi
}

detect_uplink() {
    local dev
    dev=$(ip -o route show default 2>/dev/null | awk '{ for (i = 1; i < NF; i++) if ($i == "dev") { print $(i + 1); exit } }')
    [ -n "$dev" ] || dev=$(ip -o -6 route show default 2>/dev/null | awk '{ for (i = 1; i < NF; i++) if ($i == "dev") { print $(i + 1); exit } }')
    echo "$dev"
}

# Ends the live sessions that may have authenticated with a revoked certificate: they would otherwise last until
# they drop. strongSwan shows no session's certificate (swanctl --list-sas and ipsec status name only the peer's
# identity), but it checks the CRL at every authentication, so once charon holds a CRL listing a serial no new
# session can use that certificate. The sessions of a revoked certificate's identity are therefore ended once, by
# the first install that runs after the CRL listing its serial is loaded, and the serial is recorded in
# $ENDED_SERIALS; later installs leave that identity's sessions alone, as they can only belong to a valid
# certificate (the device added again under its name). Sessions are ended by unique id (swanctl --terminate
# --ike-id); the ipsec.conf form without swanctl uses 'ipsec down NAME[ID]'.
end_revoked_sessions() {
    local entry serial identities=" " pending=() sas sa ended=0 failed=0
    for entry in "${REVOKED_DEVICES[@]}"; do
        serial=${entry%% *}
        [ -f "$ENDED_SERIALS" ] && grep -qxF "$serial" "$ENDED_SERIALS" && continue
        pending+=("$serial")
        identities+="${entry#* } "
    done
    [ ${#pending[@]} -gt 0 ] || return 0
    if ! sas=$(revoked_sessions "$identities"); then
        say "warning: could not list strongSwan's sessions; the next install ends those of revoked devices"
        return 0
    fi
    for sa in $sas; do
        if legacy_stroke; then
            # NAME/ID: the connection (ours are $CONNECTION and $CONNECTION-*) and the IKE_SA's unique id
            run ipsec down "${sa%/*}[${sa#*/}]" && ended=$((ended + 1)) || failed=1
        else
            run swanctl --terminate --ike-id "$sa" --force && ended=$((ended + 1)) || failed=1
        fi
    done
    say "ended $ended live session(s) of revoked devices"
    [ "$failed" = 0 ] && [ "$DRY_RUN" = 0 ] || return 0
    mkdir -p "$STATE_DIR"
    chmod 700 "$STATE_DIR"
    printf '%s\n' "${pending[@]}" >>"$ENDED_SERIALS"
}

# the ipsec.conf form on a server without swanctl: charon is reached through stroke ('ipsec status', 'ipsec down')
legacy_stroke() {
    [ "$LEGACY" = 1 ] && ! command -v swanctl >/dev/null
}

# the unique ids of our IKE_SAs whose remote identity is one of the space-separated identities in $1, given as
# such (iOS: alice@vpn.example.com) or as the CN of a certificate DN (Windows sends its subject DN)
revoked_sessions() {
    local match='
        function revoked_id(id,   cn) {
            cn = id
            if (sub(/.*CN=/, "", cn)) sub(/,.*/, "", cn); else cn = ""
            return index(revoked, " " id " ") || (cn != "" && index(revoked, " " cn " "))
        }'
    if legacy_stroke; then
        # ikev2kit[3]: ESTABLISHED 5 seconds ago, 192.0.2.1[vpn.example.com]...198.51.100.7[alice@vpn.example.com]
        ipsec status 2>/dev/null | awk -v revoked="$1" -v conn="$CONNECTION" "$match"'
            (index($1, conn "[") == 1 || index($1, conn "-") == 1) && $2 == "ESTABLISHED" {
                name = $1; sub(/\[.*/, "", name)
                sa = $1; sub(/^[^[]*\[/, "", sa); sub(/\].*/, "", sa)
                id = $0; sub(/.*\.\.\.[^[]*\[/, "", id); sub(/\][^]]*$/, "", id)
                if (revoked_id(id)) print name "/" sa
            }'
    else
        # ikev2kit: #3, ESTABLISHED, IKEv2, ...   then   remote 'alice@vpn.example.com' @ 198.51.100.7[4500]
        # (all our connections: the generic ones and each device's own, $CONNECTION-*)
        swanctl --list-sas 2>/dev/null | awk -v revoked="$1" -v conn="$CONNECTION" "$match"'
            /^[^ ]/ { sa = ""; if (index($1, conn ":") == 1 || index($1, conn "-") == 1) { sa = $0; sub(/^[^#]*#/, "", sa); sub(/,.*/, "", sa) } }
            $1 == "remote" && sa != "" { id = $0; sub(/^[^\047]*\047/, "", id); sub(/\047.*/, "", id); if (revoked_id(id)) print sa }'
    fi
}

crl_only() {
    local files=("${SWANCTL_CRL_FILES[@]}")
    [ "$LEGACY" = 1 ] && files=("${LEGACY_CRL_FILES[@]}")
    [ ${#files[@]} -gt 0 ] || die "this bundle has no CRL: revoke a device with ikev2kit, write the bundle again, then run --crl-only"
    install_all "${files[@]}"
    if [ "$LEGACY" = 1 ]; then
        run ipsec rereadcrls
    else
        # without the curl plugin charon cannot read the CRL, and lets revoked devices in
        if [ "$DRY_RUN" = 0 ] && ! swanctl --stats | grep -qw curl; then
            die "strongSwan cannot read the CRL without its curl plugin: run ./install.sh once (it installs libstrongswan-extra-plugins), then --crl-only"
        fi
        # charon fetched the CRL from its file:// URI and keeps it until it expires: forget it, so the next
        # authentication reads the new one
        run swanctl --flush-certs --type x509crl
        run swanctl --load-all --noprompt
    fi
    end_revoked_sessions
    say "CRL refreshed; revoked devices can no longer connect"
}

install_strongswan() {
    if [ "$LEGACY" = 1 ]; then
        install_packages strongswan-starter strongswan-charon libstrongswan-standard-plugins
        stop_service strongswan.service "the ipsec.conf form replaces the swanctl one"
        install_all "${LEGACY_FILES[@]}" "${LEGACY_CRL_FILES[@]}"
        run systemctl enable strongswan-starter.service
        run systemctl restart strongswan-starter.service
        end_revoked_sessions
    else
        # libstrongswan-extra-plugins: the curl plugin, with which charon reads the CRL from its file:// URI
        install_packages strongswan-swanctl charon-systemd libstrongswan-standard-plugins libstrongswan-extra-plugins
        stop_service strongswan-starter.service "the swanctl form replaces the ipsec.conf one (your ipsec.conf stays)"
        install_all "${SWANCTL_FILES[@]}" "${SWANCTL_CRL_FILES[@]}"
        # where earlier bundles put the CRL; swanctl would still try to hand it to charon over vici
        if [ -f /etc/swanctl/x509crl/ikev2kit.crl ]; then
            run rm -f /etc/swanctl/x509crl/ikev2kit.crl
        fi
        run systemctl enable strongswan.service
        run systemctl restart strongswan.service
        run swanctl --load-all --noprompt
        end_revoked_sessions
    fi
}

install_sysctl() {
    install_all "${SYSCTL_FILES[@]}"
    if [ -e /proc/sys/net/ipv6/conf/all/forwarding ]; then
        run sysctl -q -p /etc/sysctl.d/99-vpn.conf
    else
        # booted with ipv6.disable=1: the net.ipv6 keys do not exist and sysctl -p would fail on them
        say "IPv6 is disabled in this kernel: the IPv6 settings in /etc/sysctl.d/99-vpn.conf are skipped"
        run sysctl -q -e -p /etc/sysctl.d/99-vpn.conf
    fi
}

# removes every jump to our chains, so that loading them again leaves exactly one
unjump_iptables() {
    local tool=$1 table chain
    for table in nat mangle filter; do
        chain=FORWARD
        [ "$table" = nat ] && chain=POSTROUTING
        if [ "$DRY_RUN" = 0 ]; then
            while "$tool" -w -t "$table" -D "$chain" -j "IKEV2KIT-$chain" 2>/dev/null; do :; done
        fi
    done
}

resolve_uplink() {
    if [ -z "$UPLINK" ]; then
        UPLINK=$(detect_uplink)
        [ -n "$UPLINK" ] || die "found no default route to tell the internet-facing interface: pass it, e.g. --uplink eth0"
        say "uplink interface: $UPLINK (the default route's)"
    fi
    [[ "$UPLINK" =~ ^[A-Za-z0-9_.:-]{1,15}$ ]] || die "'$UPLINK' is not an interface name: pass one, e.g. --uplink eth0"
}

install_nat() {
    if [ "$NAT" = nftables ]; then
        install_packages nftables
        install_all "${NFTABLES_FILES[@]}"
        run nft -f /etc/nftables.d/ikev2kit.nft
        run systemctl daemon-reload
        run systemctl enable ikev2kit-nat.service
    else
        # not iptables-persistent: installing it removes ufw (ufw declares Breaks: on it), and its "save" would
        # freeze everyone's rules, Docker's included; our own unit loads only our chains, at boot and now
        install_packages iptables
        install_all "${IPTABLES_FILES[@]}"
        unjump_iptables iptables
        [ -n "$POOL6" ] && unjump_iptables ip6tables
        run systemctl daemon-reload
        run systemctl enable ikev2kit-iptables.service
        run systemctl restart ikev2kit-iptables.service
    fi
}

# "FAMILY TABLE CHAIN" of each nftables base chain on the forward hook that drops by default
nft_forward_drops() {
    command -v nft >/dev/null 2>&1 || return 0
    nft list ruleset 2>/dev/null | awk '
        $1 == "table" { family = $2; table = $3 }
        $1 == "chain" { chain = $2 }
        /hook forward/ && /policy drop/ { print family, table, chain }'
}

# Forwarded client traffic must get past every forward chain: our own rules cannot override another table's drop
forward_advice() {
    local chain=FORWARD family table nft_chain iptables_drops=0
    if iptables -w -S FORWARD 2>/dev/null | grep -x -- '-P FORWARD DROP' >/dev/null; then
        iptables_drops=1
        # Docker's documented place for the user's own forwarding rules
        iptables -w -S DOCKER-USER >/dev/null 2>&1 && chain=DOCKER-USER
        say "  forwarding:   iptables' FORWARD chain drops by default (ufw and Docker set this): VPN clients reach"
        say "                nothing until you add (and keep them the way your firewall keeps its rules; ufw: ufw route allow from $POOL4):"
        say "                  iptables -I $chain -s $POOL4 -j ACCEPT"
        say "                  iptables -I $chain -d $POOL4 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"
        if [ -n "$POOL6" ]; then
            say "                  ip6tables -I $chain -s $POOL6 -j ACCEPT"
            say "                  ip6tables -I $chain -d $POOL6 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"
        fi
    fi
    while read -r family table nft_chain; do
        # iptables' own tables were covered above
        [ "$iptables_drops" = 1 ] && [ "$table" = filter ] && [ "$nft_chain" = FORWARD ] && continue
        say "  forwarding:   nftables chain $family $table $nft_chain drops forwarded packets by default: add"
        if [ "$family" != ip6 ]; then
            say "                  nft insert rule $family $table $nft_chain ip saddr $POOL4 accept"
            say "                  nft insert rule $family $table $nft_chain ip daddr $POOL4 ct state established,related accept"
        fi
        if [ -n "$POOL6" ] && [ "$family" != ip ]; then
            say "                  nft insert rule $family $table $nft_chain ip6 saddr $POOL6 accept"
            say "                  nft insert rule $family $table $nft_chain ip6 daddr $POOL6 ct state established,related accept"
        fi
    done < <(nft_forward_drops)
}

if [ "$CRL_ONLY" = 1 ]; then
    crl_only
    exit 0
fi
resolve_uplink
install_sysctl
install_nat
install_strongswan

say ""
say "done: the IKEv2 VPN for $HOST is set up."
if [ "$LEGACY" = 1 ]; then
    say "  status:       ipsec statusall"
    say "  connected:    ipsec status"
    say "  logs:         journalctl -u strongswan-starter -f"
else
    say "  loaded:       swanctl --list-conns"
    say "  connected:    swanctl --list-sas"
    say "  logs:         journalctl -u strongswan -f"
fi
say "  firewall:     clients send IKE on UDP 500 and 4500 and, when no NAT is on their way, ESP (IP protocol 50):"
say "                if a firewall filters input, let all three in, e.g."
say "                  iptables -I INPUT -p udp -m multiport --dports 500,4500 -j ACCEPT"
say "                  iptables -I INPUT -p esp -j ACCEPT"
# the --iptables rules accept the pools' forwarding themselves, ahead of any drop
[ "$NAT" = nftables ] && forward_advice
exit 0
