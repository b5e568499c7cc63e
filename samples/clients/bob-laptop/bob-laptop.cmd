@echo off
rem Double-click to set up the VPN: starts bob-laptop.ps1 in PowerShell as administrator, with
rem -ExecutionPolicy Bypass for that one process only; the machine's execution policy is not changed.
set "IKEV2KIT_SCRIPT=%~dp0bob-laptop.ps1"
powershell.exe -NoProfile -Command "Start-Process -FilePath powershell.exe -Verb RunAs -ArgumentList ('-NoProfile -NoExit -ExecutionPolicy Bypass -File \"{0}\"' -f $env:IKEV2KIT_SCRIPT)"
