<#-- Renders NAME.ps1 for each device; the output name varies, so the template is named after the kind of file. -->
# ${fileName}: sets up this Windows PC's IKEv2 VPN connection with the device certificate inside this file.
#
# Run it in PowerShell as administrator (or double-click ${launcherName}, which asks for administrator rights):
#     powershell -ExecutionPolicy Bypass -File ${fileName}
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
$ConnectionName = ${connectionName}
# The connection name as rasdial's single argument, quoted for the C runtime's parser: a direct call from Windows
# PowerShell 5.1 would pass quotes inside the name unescaped and split or change the argument.
$RasdialEntry = ${rasdialEntry}
$ServerAddress = ${serverAddress}
$DeviceIdentity = ${deviceIdentity}
$AuthenticationTransformConstants = ${authenticationTransformConstants}
$CipherTransformConstants = ${cipherTransformConstants}
$EncryptionMethod = ${encryptionMethod}
$IntegrityCheckMethod = ${integrityCheckMethod}
$DHGroup = ${dhGroup}
$PfsGroup = ${pfsGroup}
$CaThumbprint = ${caThumbprint}
$DeviceThumbprint = ${deviceThumbprint}

# The CA certificate (DER) and the device's PKCS#12 (encrypted with the device password), base64-encoded.
$CaCertificateBase64 = @'
<#list caBase64 as line>
${line}
</#list>
'@
$DeviceP12Base64 = @'
<#list p12Base64 as line>
${line}
</#list>
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
    Add-VpnConnection -Name $ConnectionName -ServerAddress $ServerAddress -TunnelType Ikev2 -AuthenticationMethod MachineCertificate -EncryptionLevel Required -AllUserConnection<#if splitTunneling> -SplitTunneling</#if> -MachineCertificateIssuerFilter $issuer
    # All six values are required together; Windows' own defaults (3DES, SHA-1, MODP-1024) are refused.
    Set-VpnConnectionIPsecConfiguration -ConnectionName $ConnectionName -AuthenticationTransformConstants $AuthenticationTransformConstants -CipherTransformConstants $CipherTransformConstants -EncryptionMethod $EncryptionMethod -IntegrityCheckMethod $IntegrityCheckMethod -DHGroup $DHGroup -PfsGroup $PfsGroup -AllUserConnection -Force
<#if splitTunneling>
    # Split tunnel: only these networks go through the VPN (for this device: the ones it may reach).
<#elseif routes?has_content>
    # Windows adds no IPv6 default route through the tunnel by itself, and this cmdlet refuses ::/0: its two halves.
</#if>
<#list routes as route>
    Add-VpnConnectionRoute -ConnectionName $ConnectionName -DestinationPrefix ${route} -AllUserConnection
</#list>
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
<#if dnsThroughVpn>
    # DNS follows the lowest interface metric (Microsoft, "VPN name resolution"): make it the VPN's
    Set-NetIPInterface -InterfaceAlias $ConnectionName -InterfaceMetric 1
    Write-Host "DNS goes through the VPN (interface metric 1)"
</#if>
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
        Write-Host "This script needs administrator rights: open PowerShell with 'Run as administrator' and run it again, or double-click ${launcherName}." -ForegroundColor Red
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
