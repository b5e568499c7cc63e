#Requires -RunAsAdministrator
# Harness fixture: the shapes a generated Windows setup script uses. Not a generated script itself.
param(
    [Parameter(Mandatory = $false)]
    [SecureString]$P12Password,
    [switch]$Uninstall,
    [string]$ConnectionName = 'Example VPN'
)

$ErrorActionPreference = 'Stop'
$ServerAddress = "vpn.example.com"

function Remove-ExampleVpn {
    param([string]$Name)
    Remove-VpnConnection -Name $Name -AllUserConnection -Force -ErrorAction SilentlyContinue
}

function Install-ExampleVpn {
    $note = @'
Imported by the ikev2kit setup script; $nothing here expands.
'@
    try {
        if (-not $P12Password) {
            $P12Password = Read-Host -Prompt "Password of alice.p12" -AsSecureString
        }
        Import-PfxCertificate -FilePath "$PSScriptRoot\alice.p12" -CertStoreLocation Cert:\LocalMachine\My -Password $P12Password | Out-Null
        Import-Certificate -FilePath (Join-Path $PSScriptRoot 'ca.crt') -CertStoreLocation 'Cert:\LocalMachine\Root' | Out-Null
        Add-VpnConnection -Name $ConnectionName -ServerAddress "vpn.example.com" -TunnelType Ikev2 -AuthenticationMethod MachineCertificate -EncryptionLevel Required -AllUserConnection -Force
        Set-VpnConnectionIPsecConfiguration -ConnectionName $ConnectionName `
            -AuthenticationTransformConstants GCMAES256 `
            -CipherTransformConstants GCMAES256 `
            -EncryptionMethod GCMAES256 `
            -IntegrityCheckMethod SHA256 `
            -DHGroup ECP384 `
            -PfsGroup ECP384 `
            -AllUserConnection -Force
        $route = @{ ConnectionName = $ConnectionName; DestinationPrefix = '::/0' }
        Add-VpnConnectionRoute @route -AllUserConnection:$true -PassThru:$false
        Set-Content -Path (Join-Path $env:ProgramData 'ikev2kit.txt') -Value @"
Connection: $ConnectionName
Server: $ServerAddress
"@
        Write-Host ("Created {0}" -f $ConnectionName)
    }
    catch {
        Write-Error "Setup failed: $($_.Exception.Message)"
        exit 1
    }
}

if ($Uninstall) { Remove-ExampleVpn -Name $ConnectionName } else { Install-ExampleVpn }
