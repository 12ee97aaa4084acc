# Build the Windows one-folder bundle (dist\counter-app\) and the installer (dist\counter-app-setup-X.exe).
#
#   powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1            bundle + installer
#   powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1 -Smoke     ... and the self-test
#   powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1 -NoInstaller
#
# Needs Python 3.11 (py launcher) and, for the installer, Inno Setup 6 (ISCC.exe; set $env:ISCC if it is
# not in a standard place). Inno Setup's Chinese (Simplified) messages file ChineseSimplified.isl is taken
# from Inno Setup's Languages folder (or its Unofficial subfolder), or from installer\ChineseSimplified.isl;
# set $env:INNO_CHINESE_ISL to use another copy.
param(
    [switch]$Smoke,
    [switch]$NoInstaller
)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

function Invoke-Checked([string]$What, [scriptblock]$Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit $LASTEXITCODE)" }
}

$venv = if ($env:COUNTER_APP_VENV) { $env:COUNTER_APP_VENV } else { ".venv" }
$py = Join-Path $venv "Scripts\python.exe"
if (-not (Test-Path $py)) {
    Write-Host "[build] creating $venv"
    Invoke-Checked "venv" { py -3.11 -m venv $venv }
}
# PyInstaller comes from the project's [installer] extra (its version range is pinned there).
# Probe with errors allowed: Windows PowerShell 5.1 turns a native command's stderr into a terminating
# error under "Stop", even when it is redirected.
$ErrorActionPreference = "Continue"
& $py -c "import PyInstaller, counter_app" 2>$null
$probe = $LASTEXITCODE
$ErrorActionPreference = "Stop"
if ($probe -ne 0) {
    Write-Host "[build] installing the project with its [installer] extra into $venv"
    Invoke-Checked "pip" { & $py -m pip install --quiet --upgrade pip }
    Invoke-Checked "pip" { & $py -m pip install --quiet -e ".[installer]" }
}

$version = (& $py installer\build_support.py version).Trim()
$numeric = (& $py -c "import sys; sys.path.insert(0, 'installer'); import build_support as b; print('.'.join(map(str, b.version_tuple('$version'))))").Trim()
New-Item -ItemType Directory -Force build | Out-Null
Invoke-Checked "version resource" { & $py installer\build_support.py version-info build\version_info.txt }
Invoke-Checked "icon" { & $py installer\build_support.py icon build\counter-app.ico }
$env:COUNTER_APP_VERSION_FILE = (Resolve-Path build\version_info.txt).Path
$env:COUNTER_APP_ICON = (Resolve-Path build\counter-app.ico).Path

$timer = [Diagnostics.Stopwatch]::StartNew()
Write-Host "[build] counter-app $version with PyInstaller $(& $py -m PyInstaller --version)"
Invoke-Checked "PyInstaller" {
    & $py -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller installer\counter_app.spec
}
$bytes = (Get-ChildItem dist\counter-app -Recurse -File | Measure-Object -Property Length -Sum).Sum
Write-Host ("[build] bundle built in {0:N0} s: dist\counter-app, {1:N0} MB" -f $timer.Elapsed.TotalSeconds, ($bytes / 1MB))

if ($Smoke) {
    $env:QT_QPA_PLATFORM = "offscreen"
    $smokeTimer = [Diagnostics.Stopwatch]::StartNew()
    Invoke-Checked "smoke test" { & dist\counter-app\counter-app-console.exe --smoke }
    Remove-Item Env:\QT_QPA_PLATFORM
    Write-Host ("[build] smoke test took {0:N1} s" -f $smokeTimer.Elapsed.TotalSeconds)
}
if ($NoInstaller) { exit 0 }

$iscc = $env:ISCC
if (-not $iscc) {
    $candidates = @(
        (Get-Command ISCC.exe -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Source),
        "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
        "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
    ) | Where-Object { $_ -and (Test-Path $_) }
    $iscc = $candidates | Select-Object -First 1
}
if (-not $iscc) { throw "Inno Setup 6 (ISCC.exe) not found: install it or set `$env:ISCC" }
$innoDir = Split-Path $iscc
$isl = $env:INNO_CHINESE_ISL
if (-not $isl) {
    $isl = @("$innoDir\Languages\ChineseSimplified.isl", "$innoDir\Languages\Unofficial\ChineseSimplified.isl",
             "installer\ChineseSimplified.isl") | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $isl) {
    throw ("ChineseSimplified.isl not found: take it from Inno Setup's translations page (Chinese (Simplified)) " +
           "and put it in installer\ or Inno Setup's Languages folder, or set `$env:INNO_CHINESE_ISL")
}
$isl = (Resolve-Path $isl).Path
$source = (Resolve-Path dist\counter-app).Path
Invoke-Checked "Inno Setup" {
    & $iscc /Q "/DAppVersion=$version" "/DAppVersionNumeric=$numeric" "/DSourceDir=$source" `
        "/DIconFile=$env:COUNTER_APP_ICON" "/DChineseIsl=$isl" "/O$((Resolve-Path dist).Path)" installer\counter_app.iss
}
Write-Host "[build] installer: dist\counter-app-setup-$version.exe"
