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
# DNS: Windows asks the DNS servers of the interface with the lowest metric first (Microsoft, "VPN name
# resolution"), so after connecting this script gives the VPN interface metric 1 and names resolve through the
# tunnel. Windows chooses the metric again for each new connection: connect with this script
# (-NoConnect left out) to keep DNS inside the tunnel.

[CmdletBinding()]
param(
    [SecureString]$P12Password,
    [switch]$PrivateNetwork,
    [switch]$NoConnect,
    [switch]$Uninstall
)

# Settings. The IPsec values must stay what the server accepts (Set-VpnConnectionIPsecConfiguration names).
$ConnectionName = 'Example VPN'
# The connection name as rasdial's single argument, quoted for the C runtime's parser: a direct call from Windows
# PowerShell 5.1 would pass quotes inside the name unescaped and split or change the argument.
$RasdialEntry = '"Example VPN"'
$ServerAddress = 'vpn.example.com'
$DeviceIdentity = 'bob-laptop@vpn.example.com'
$AuthenticationTransformConstants = 'GCMAES256'
$CipherTransformConstants = 'GCMAES256'
$EncryptionMethod = 'GCMAES256'
$IntegrityCheckMethod = 'SHA384'
$DHGroup = 'ECP384'
$PfsGroup = 'ECP384'
$CaThumbprint = '548993EAF41C317FBE509B1F23EC98CF5B885634'
$DeviceThumbprint = '3590AC15F14BD78475ED90167BBA17F87A5E36DF'

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
MIIHMAIBAzCCBuYGCSqGSIb3DQEHAaCCBtcEggbTMIIGzzCCBYIGCSqGSIb3DQEHBqCCBXMwggVv
AgEAMIIFaAYJKoZIhvcNAQcBMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiYQfy6Bp64
ugICCAAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEDUNThig841CDtI5R4+bTA2AggUA5zVN
WH0WU/0KQWp99ilk+r0okUxR1I1+rOVRCW0g19sdD82Z80Sq4htTvocZL967krwMu4A5qZMQhG0q
SrMm4/WjdtNOZh7xpwbdy3J3rwn813zGkSdelr3PGhCXRHiH9sIQDEW+FkADLSyIhFuI9LYQQ3Kz
Kf2XmNgwQjGR36kFr02OsroOzo8SGqJ2hMjmLGepvYuo8FLb7vl3WeVOnEY0CZD3tQcp50U3m/4N
H3BdjTG7aUdAfcJalqGXsF2U/xMpUvX9O8jZUooSQwYYlM31KviPchOjoHdoNNqLxnbf/VIYk/oX
44YVtFGLrVQd/fWAYsnaMGQpcJl3YyQB7OPDgH6iG2TU+49JGlrvdgNitvF3PbQWAbnjuvvc4aF8
I5nvIKVFGOZZ3HM3X2Cks4n8UWz3nCxL52xgIXQh/MmiodSdnqGJ1IqcMBBl1dgwpvY48eF5bw2E
scMFLSjfLkVaoYNOXbG9NPz8vNytdO7n0UX75X5LiQt456CYO08VVTQytWRP5iz44Vj+pnZbhI5b
qDevkPVp40oOCccfxRyMIkPM2K1W0ApbQwhwahRNOaTpLHApYI63yIcZJDAGhPTdUlW/lGldv9If
1c5wVjPRI+xfW7SsFfLX9jvz3m/IwktsQUd0c0MO4NP8CzHl5v0BnhS447dZa4jYICcD9sCaL5Ge
i5NJlVT6Vw3HMqlCJ20YJr8ughqwmFOR1ZRbhyqVOL4uHYGd8xYnGJeJ6QWpujPxA9O41jBGYJC9
nKddzRDuUJ1j5+koImpPOuvpG6/fkIUxEuITzJroDD0WIf1amrkWZcHgoKtldidg50x0XzbAa28F
vFXuaZMslhQJFU1HD4mC/RuNJUKSuDUVotV9uzrFEKa/HHeQcsnFYB9hZTcYjiOY0IcIkX1G/zet
YnYQnUYEP7u+j2gy0Ww39jTqYYL3Nd4Xh4ZwGiQuKNPXezDm7PjbgRKsukgT4cS2uqWIutrn8xkE
OdL7oMTEa6wJ1NrWJfCZwbCOt/mbYK1pi7q9/VAOkVXteqh1lE8G24Ys7O1oOEUU3e/bHf2bMZkn
DmPZdBydtUmxMGHMDZ1pH+6DD3wd4l0TIiRTqK7rq+ZJmbixNVE7vyJ+mWv2xtnEOGQiFFUtjajL
2s/TYubXvzgLQoQf59QtI9cthDWKfnIhv3GTUwd/tYpSmXqAm9VqdlO/ccVRn5CTS1POa9JjcTef
E2VyqoU/ex/coLZC3NRFy5f3I3WbH/IvT7BM7cSJ9K+IEA2VNeYCYJuwXZv8jFDHPgRS1TF0wyIV
IwMeRN9iX5KRXeBizojn73DRaalZiI5gtQ9v+wbr7qvLzmVtK4DPsDUe6jbUreZYDlLMynKhHp1Q
EAErb7vrADPDP+dKHtpsgTd3bvZEDgPAhaFI2P2csKdtcZpxG5X6Teoly8RnvRkUHZhsZQzYLW65
0EfDN28DbIahBKTVn1nSJuo3gdY9qaB0RviddAezs/DhzS1EWmdg+hNO1FbWf2giU3jleZFhRkYA
hqcyVsqUOKzMj5CCeIktFohoKQSjyP45kYrw2MDBh3zej/hmetWckTECRO8sPm9unHU2IaivJAlc
SeFTwHeLNHhkaEPpFAw3YjhGz9yPCut6E/52bS+WDsU6oDeHtmt17asuiePkULEPuSH6MvQabKmS
HyiCaLBOQJXKi5etFwdmiTU9+LryawIwggFFBgkqhkiG9w0BBwGgggE2BIIBMjCCAS4wggEqBgsq
hkiG9w0BDAoBAqCBrjCBqzBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQImEH8ugaeuLoC
AggAMAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBC2dGZjqC4hKPsg32S3ubCFBFDg+yZLEpTb
46wdZolK+y2u0iTETvwmE6F1DcQ0VfTEGx3RnT7LA0PP7a4rjlvHLTAza75DKkghYzZhEe2LnFu8
KkZUMLtDTo8XGUUXDcBj0zFqMCMGCSqGSIb3DQEJFTEWBBQ1kKwV8UvXhHXtkBZ7uhf4el423zBD
BgkqhkiG9w0BCRQxNh40AGIAbwBiAC0AbABhAHAAdABvAHAAQAB2AHAAbgAuAGUAeABhAG0AcABs
AGUALgBjAG8AbTBBMDEwDQYJYIZIAWUDBAIBBQAEIIpKe1U4DT7m1dy/TfYXszAK8Hw2dAoF07K8
c1zTBFdzBAg+ZuKtroqRLgICCAA=
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

# rasdial gets $Arguments verbatim as its command line (Start-Process passes one string unchanged); returns its exit code
function Invoke-Rasdial([string]$Arguments) {
    $process = Start-Process -FilePath rasdial.exe -ArgumentList $Arguments -NoNewWindow -Wait -PassThru
    return $process.ExitCode
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
            Invoke-Rasdial "$RasdialEntry /disconnect" | Out-Null
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
    # Windows adds no IPv6 default route through the tunnel by itself, and this cmdlet refuses ::/0: its two halves.
    Add-VpnConnectionRoute -ConnectionName $ConnectionName -DestinationPrefix '::/1' -AllUserConnection
    Add-VpnConnectionRoute -ConnectionName $ConnectionName -DestinationPrefix '8000::/1' -AllUserConnection
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
    $code = Invoke-Rasdial $RasdialEntry
    if ($code -ne 0) {
        throw (Get-ConnectionError $code)
    }
    Write-Host "connected: '$ConnectionName' is up"
    # DNS follows the lowest interface metric (Microsoft, "VPN name resolution"): make it the VPN's
    Set-NetIPInterface -InterfaceAlias $ConnectionName -InterfaceMetric 1
    Write-Host "DNS goes through the VPN (interface metric 1)"
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
    Write-Host "done: connect any time from the network menu, or with: rasdial $RasdialEntry"
} catch {
    Write-Host "setup failed: $($_.Exception.Message)" -ForegroundColor Red
    exit 1
}
