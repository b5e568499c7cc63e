# bob-laptop.ps1: sets up this Windows PC's IKEv2 VPN connection with the device certificate inside this file.
#
# Run it in PowerShell as administrator (or double-click bob-laptop.cmd, which asks for administrator rights):
#     powershell -ExecutionPolicy Bypass -File bob-laptop.ps1
# "-ExecutionPolicy Bypass" applies to that one PowerShell process; the machine's policy stays as it is.
#
# Options:
#     -P12Password <SecureString>  the device certificate's password; asked for when not given
#     -PrivateNetwork              after connecting, mark the VPN network as private (sharing, discovery)
#     -NoConnect                   set up only, do not connect
#     -Uninstall                   remove the connection and the two certificates below (by thumbprint)
#
# It trusts the CA (LocalMachine\Root), imports the device certificate (LocalMachine\My), replaces any
# connection with the same name and sets its IPsec algorithms to those the server accepts. Running it again
# is safe. The file holds no password: the certificate inside is encrypted with the device password.
#
# DNS: while connected, Windows uses the DNS servers the VPN server assigns, preferring the interface with the
# lowest metric. If names still resolve through the local network, run this after connecting (the alias is
# the connection name below):
#     Set-NetIPInterface -InterfaceAlias "VPN name" -InterfaceMetric 1

[CmdletBinding()]
param(
    [SecureString]$P12Password,
    [switch]$PrivateNetwork,
    [switch]$NoConnect,
    [switch]$Uninstall
)

# Settings. The IPsec values must stay what the server accepts (Set-VpnConnectionIPsecConfiguration names).
$ConnectionName = 'Example VPN'
$ServerAddress = 'vpn.example.com'
$DeviceIdentity = 'bob-laptop@vpn.example.com'
$AuthenticationTransformConstants = 'GCMAES256'
$CipherTransformConstants = 'GCMAES256'
$EncryptionMethod = 'GCMAES256'
$IntegrityCheckMethod = 'SHA384'
$DHGroup = 'ECP384'
$PfsGroup = 'ECP384'
$CaThumbprint = '548993EAF41C317FBE509B1F23EC98CF5B885634'
$DeviceThumbprint = 'A684377D964886AA4058D9447DF6F51EE7F00511'

# The CA certificate (DER) and the device's PKCS#12 (encrypted with the device password), base64-encoded.
$CaCertificateBase64 = @'
MIIBuzCCAWCgAwIBAgIQR0a7ZUVAEwsMmvqGuCbCfDAKBggqhkjOPQQDAjA9MQswCQYDVQQGEwJE
RTEQMA4GA1UECgwHRXhhbXBsZTEcMBoGA1UEAwwTRXhhbXBsZSBWUE4gUm9vdCBDQTAeFw0yNjEx
MjMxMzA1MThaFw0zNjExMjAxNDA1MThaMD0xCzAJBgNVBAYTAkRFMRAwDgYDVQQKDAdFeGFtcGxl
MRwwGgYDVQQDDBNFeGFtcGxlIFZQTiBSb290IENBMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE
OfhMOB+5Kf/vJ5+OTlPj1IsmJgOoiK8hh8swzxKe1R0ip441sk0NRIDd+qL6lLGiJwG+L8OQ535z
EcAf+jxAyKNCMEAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwHQYDVR0OBBYEFA9x
agXUjPcAXcAcmNxE3R91lXOEMAoGCCqGSM49BAMCA0kAMEYCIQD/RGG2tv68g1Euq6ECkRaO294A
bX9rr8PkmsQ47mNHbAIhAORZsX38G9NBRwx/MD6dJP0NxrVtf+ewS9clfgHXY0Hy
'@
$DeviceP12Base64 = @'
MIIHAAIBAzCCBroGCSqGSIb3DQEHAaCCBqsEgganMIIGozCCBZMGCSqGSIb3DQEHBqCCBYQwggWA
AgEAMIIFeQYJKoZIhvcNAQcBMCgGCiqGSIb3DQEMAQMwGgQUzRAITLNkbWQdHgKXBJ0QlxqNCqIC
AggAgIIFQDt6niYhZs7PQ3QZ/RW3XdtlPy7jlr2v3B/LWxxqX20Zq3FhtcLpxIfAL+q3Z8KhImHZ
AIQkRDwDHEA6PtUNvu1d5Cd1OI7QFVteeDvrKvlYWjAVxO7RPuqU3XjTV8ySn6cwYObralOBrHWn
TGZVP/nqT12r132ryE8BuGgGIV5QoT428N+TkZk4EFlkrky5qd3rZjm+XN0C1I5ZQ93HBpEQQHHl
i3Fs5vgwyvlMCTmF7E0LgP95sKmR97EbptRmYUejjmwsSGOFKFKFkRJoAfRBot8atpZ28jzXFbVY
SnPWyg3cJ16WalpzdAxyUjRYV5iieHpSEV6wG87bD98NY5DhKFXG8jl0PmUHwjF484vQ8F08ueaR
JMrJtgBdCeXy9/ytYMAsK4lJ8IOVadNmkr2ghcS4sVx4N9+COQvGcHlCtjMpSQu6c6xLqRAP9dWi
AhGEVuogyJYUQXhld67/GkUIMRddTS7eopE2EZzA9CIxaDM9lsjAmlwbauEmwKP5ZupZd2gVqtOt
mdwdvIGCTZC8GXZ36+Zb19O5UOQLw9MXg7Te4UIYnvaFtIc0L9wKecFBzEuUbKqv2hboXXe26r9n
5FIarRrgmZT014OTNO+bXPMlCWkTjNUy3mauELrZI23/33WzH8vjPj+iaUoDCDTk5pI6XKqOSZLS
YkZz/2Hr+6Rz/s/GdpASZWDQ9E/qhXJJ8KBDz9aBnSVZhbojIr7XCfgjpVlQn9vEjjLKg+oKOjV4
QN7Tc+nH4eLG3plM6MczcxhmT6Mke40u9Xp2ogc0ZTyfObjHbn9RLjzUWpTDQrYWlo1GKjJXZN/o
fZF4VMw86wUW23es395IhFrt0KN6dsqTpIZqWJiYc4FS+YkK1TE6oIkw3P7GWyc5MvBu4OjUqv+k
Z8A+8+ALZfpFHk5kRdFAyoqQofN/H5Hyr8NwYTyXbl+E7muZ8SMncq4gbE9X1CRNPOS734rjwRSP
1yWxFaGNcSud/UYn5xhYjBIs0sS3Y5GyrQHbX3ov+3GqzFfT4kc5KBiUjoJENQr9SC9sPx6ItO+1
0uWBfcYgQHYpNrbpknIsnpsyEA64qz9J+7Qamahg+H+kfZ3iO/B2ydhSQ8n2/lt0uxihOcj7Effc
mTLZRZKPJrwXxOqlCGfn9qrMqraXtDOC50cdIaxLu93IIUgyHtGGT8Rgys7UBVPaLDWqkgdphkfq
YqklEcL8cmn+4Lh26Wu+2ONKvUtpuv8AmdojzMMO4zQ9NT/+ya4cmRDoduL7AKMo4L/i0yUbwRw9
kfv7uvGkDrqbHl4t11AOz86r5k6ofZ3afBvIBPC3kgi6LA8i+3fHVC+SRKGj5X/C+mpHYKM9Lluo
KG2OR83eq6g9wc4Bv3PAQzUofWaRl9d318eEcpvYt/LnAEcaifgkabzH1g95+t4hfiENNQcjRIoO
gN7DfS1tAsL7qbrfvucSLecYwdciwXhWVRc9FHLW/iesx9alQ0yLZIoGW7Rk+9fxeStyf6pzSf/t
pdhE+zhEMXdzZ3sorSXck0j/xhm4B2R7yR2x72td+Ptvc0AENJaPPugogFSmPkcylgoNHblZrO8O
Fpr9dQ9ouUkSEbycGeInxEz4EHxyaOdx5Rc/Pq/CdF3JM/4epiBw0cFcwKZaZsjRq64ey0RccwvP
M0L2nMd0DnUlCF1ptkf36YTeghJgG/Qrh2yixR8rIhUJQGsvQmnJVut+d81kQyrSawQpTb5cKzgs
DgofwCYzwgwrkIFyNVVK4hmdWwAzK1la49cXJy5BeXamJiU80TmfbzCCAQgGCSqGSIb3DQEHAaCB
+gSB9zCB9DCB8QYLKoZIhvcNAQwKAQKgdjB0MCgGCiqGSIb3DQEMAQMwGgQUzRAITLNkbWQdHgKX
BJ0QlxqNCqICAggABEiVW7FzkmMDU6q0xKnq7t7XR2p0lL+GanHdKSfKWBh1oOVXrKiJPL1BsH6s
fnZgpafB3EDIjpBLLHMcAdf11AIk4gSSydQpnQUxajAjBgkqhkiG9w0BCRUxFgQUpoQ3fZZIhqpA
WNlEffb1HufwBREwQwYJKoZIhvcNAQkUMTYeNABiAG8AYgAtAGwAYQBwAHQAbwBwAEAAdgBwAG4A
LgBlAHgAYQBtAHAAbABlAC4AYwBvAG0wPTAhMAkGBSsOAwIaBQAEFO7nl0eTKJc4W2bV6vQsr3Tz
EXf2BBTf5bHpy++EyB+j25kvC+vGZ/q3hAICCAA=
'@

$ErrorActionPreference = 'Stop'

function Test-Administrator {
    $principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
    return $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
}

# Import-Certificate and Import-PfxCertificate read files, so the embedded bytes go through a temporary one.
function Write-TempFile([string]$Base64, [string]$Extension) {
    $path = Join-Path ([IO.Path]::GetTempPath()) ('ikev2kit-' + [guid]::NewGuid().ToString('N') + $Extension)
    [IO.File]::WriteAllBytes($path, [Convert]::FromBase64String(($Base64 -replace '\s', '')))
    return $path
}

function Install-CaCertificate {
    if (Test-Path -LiteralPath "Cert:\LocalMachine\Root\$CaThumbprint") {
        Write-Host "CA certificate already trusted ($CaThumbprint)"
        return
    }
    $file = Write-TempFile $CaCertificateBase64 '.cer'
    try {
        Import-Certificate -FilePath $file -CertStoreLocation Cert:\LocalMachine\Root | Out-Null
    } finally {
        Remove-Item -LiteralPath $file -Force
    }
    Write-Host "trusted the CA certificate (LocalMachine\Root\$CaThumbprint)"
}

function Install-DeviceCertificate {
    if (Test-Path -LiteralPath "Cert:\LocalMachine\My\$DeviceThumbprint") {
        Write-Host "device certificate already installed ($DeviceThumbprint)"
        return
    }
    if (-not $script:P12Password) {
        $script:P12Password = Read-Host -AsSecureString -Prompt "Password of the device certificate for $DeviceIdentity"
    }
    $file = Write-TempFile $DeviceP12Base64 '.p12'
    try {
        Import-PfxCertificate -FilePath $file -CertStoreLocation Cert:\LocalMachine\My -Password $script:P12Password | Out-Null
    } catch {
        throw ("the device certificate could not be imported: $($_.Exception.Message) " +
            "Check the password and run the script again. Windows older than 10 version 1709 needs the " +
            "certificate exported in the legacy PKCS#12 format.")
    } finally {
        Remove-Item -LiteralPath $file -Force
    }
    if (-not (Test-Path -LiteralPath "Cert:\LocalMachine\My\$DeviceThumbprint")) {
        throw "the device certificate $DeviceThumbprint is not in LocalMachine\My after the import"
    }
    Write-Host "imported the device certificate for $DeviceIdentity (LocalMachine\My\$DeviceThumbprint)"
}

function Remove-ExistingConnection {
    $existing = Get-VpnConnection -Name $ConnectionName -AllUserConnection -ErrorAction SilentlyContinue
    if ($existing) {
        if ($existing.ConnectionStatus -eq 'Connected') {
            rasdial.exe $ConnectionName /disconnect | Out-Null
        }
        Remove-VpnConnection -Name $ConnectionName -AllUserConnection -Force
        Write-Host "removed the existing connection '$ConnectionName'"
    }
}

function Add-Connection {
    Remove-ExistingConnection
    # Lets Windows pick the certificate this CA issued when the machine has several.
    $issuer = Get-Item -LiteralPath "Cert:\LocalMachine\Root\$CaThumbprint"
    Add-VpnConnection -Name $ConnectionName -ServerAddress $ServerAddress -TunnelType Ikev2 -AuthenticationMethod MachineCertificate -EncryptionLevel Required -AllUserConnection -MachineCertificateIssuerFilter $issuer
    # All six values are required together; Windows' own defaults (3DES, SHA-1, MODP-1024) are refused.
    Set-VpnConnectionIPsecConfiguration -ConnectionName $ConnectionName -AuthenticationTransformConstants $AuthenticationTransformConstants -CipherTransformConstants $CipherTransformConstants -EncryptionMethod $EncryptionMethod -IntegrityCheckMethod $IntegrityCheckMethod -DHGroup $DHGroup -PfsGroup $PfsGroup -AllUserConnection -Force
    # Windows adds no IPv6 default route through the tunnel by itself.
    Add-VpnConnectionRoute -ConnectionName $ConnectionName -DestinationPrefix '::/0' -AllUserConnection
    Write-Host "created the connection '$ConnectionName' to $ServerAddress"
}

function Get-ConnectionError([int]$Code) {
    switch ($Code) {
        13801 { return "error 13801: the server's certificate was not accepted. It must name $ServerAddress (SAN), carry the serverAuth usage and be issued by the CA this script trusts." }
        13806 { return "error 13806: Windows found no machine certificate to authenticate with. Run this script again so it imports the device certificate into LocalMachine\My." }
        13868 { return "error 13868: the server refused the IPsec proposal. Run this script again to restore the connection's IPsec settings; if that does not help, the server's suite changed: ask for a new script." }
        default { return "rasdial failed with error $Code." }
    }
}

function Connect-Vpn {
    Write-Host "connecting to $ServerAddress ..."
    rasdial.exe $ConnectionName | Out-Host
    if ($LASTEXITCODE -ne 0) {
        throw (Get-ConnectionError $LASTEXITCODE)
    }
    Write-Host "connected: '$ConnectionName' is up"
    if ($PrivateNetwork) {
        $network = $null
        for ($i = 0; $i -lt 10 -and -not $network; $i++) {
            Start-Sleep -Seconds 1
            $network = Get-NetConnectionProfile -InterfaceAlias $ConnectionName -ErrorAction SilentlyContinue
        }
        if (-not $network) {
            throw "the VPN network did not appear; connect again and rerun with -PrivateNetwork"
        }
        Set-NetConnectionProfile -InterfaceAlias $ConnectionName -NetworkCategory Private
        Write-Host "marked the VPN network as private"
    }
}

# Removes only what this script adds: the connection, and the two certificates by thumbprint from the stores
# where Windows may have put them (Import-PfxCertificate can also place the CA in My or CA).
function Uninstall-Vpn {
    Remove-ExistingConnection
    foreach ($store in 'My', 'Root', 'CA') {
        foreach ($thumbprint in $DeviceThumbprint, $CaThumbprint) {
            $path = "Cert:\LocalMachine\$store\$thumbprint"
            if (Test-Path -LiteralPath $path) {
                if ($thumbprint -eq $DeviceThumbprint) {
                    Remove-Item -LiteralPath $path -DeleteKey
                } else {
                    Remove-Item -LiteralPath $path
                }
                Write-Host "removed LocalMachine\$store\$thumbprint"
            }
        }
    }
}

try {
    if (-not (Test-Administrator)) {
        Write-Host "This script needs administrator rights: open PowerShell with 'Run as administrator' and run it again, or double-click bob-laptop.cmd." -ForegroundColor Red
        exit 1
    }
    if ($Uninstall) {
        Uninstall-Vpn
        Write-Host "done: '$ConnectionName' is removed"
        exit 0
    }
    Install-CaCertificate
    Install-DeviceCertificate
    Add-Connection
    if (-not $NoConnect) {
        Connect-Vpn
    }
    Write-Host "done: connect any time from the network menu, or with: rasdial `"$ConnectionName`""
} catch {
    Write-Host "setup failed: $($_.Exception.Message)" -ForegroundColor Red
    exit 1
}
