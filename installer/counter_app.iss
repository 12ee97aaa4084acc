; Inno Setup 6 script for the counter client: one setup .exe for a township counter PC.
;
; Built by installer\build_windows.ps1, which passes the defines below (version from pyproject.toml):
;   ISCC /DAppVersion=0.1.0 /DAppVersionNumeric=0.1.0.0 /DSourceDir=..\dist\counter-app
;        /DIconFile=..\build\counter-app.ico /DChineseIsl=<path of ChineseSimplified.isl>
;        /O..\dist installer\counter_app.iss
;
; The installer never touches the user's data folder (%LOCALAPPDATA%\township-counter\counter-app: the
; encrypted database, images, settings, backups) nor the data key in Windows Credential Manager. The
; uninstaller deletes the data folder only when the user ticks the box on its own page; unsynchronised
; cases would otherwise be lost with an old PC. This file is saved as UTF-8 with a BOM, which Inno
; Setup needs to read the Chinese text.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric "0.0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\counter-app"
#endif
#ifndef ChineseIsl
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#endif
#define AppExe "counter-app.exe"
#define AppName "个体工商户登记受理系统"

[Setup]
; Never change AppId: upgrades and the uninstaller find the installed copy by it.
AppId={{6E7E8FE5-952E-49EF-82CE-EA6993D6B543}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Township convenience-service centres
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductVersion={#AppVersionNumeric}
VersionInfoDescription=个体工商户登记受理系统 安装程序 / Counter app setup
DefaultDirName={autopf}\CounterApp
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName} (counter-app {#AppVersion})
UninstallDisplayIcon={app}\{#AppExe}
OutputBaseFilename=counter-app-setup-{#AppVersion}
#ifdef IconFile
SetupIconFile={#IconFile}
#endif
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
; The running client is asked to close (Restart Manager) so its files can be replaced.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
; Chinese first: it is chosen on a Chinese Windows and whenever no listed language matches.
Name: "zh"; MessagesFile: "{#ChineseIsl}"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
zh.AppTitle=个体工商户登记受理系统
en.AppTitle=Sole proprietor registration (counter)
zh.SelfTest=自检（冒烟测试）
en.SelfTest=Self-test (smoke test)
zh.RemoveDataTitle=卸载个体工商户登记受理系统
en.RemoveDataTitle=Uninstall the counter app
zh.RemoveDataText=程序已卸载。本机数据（加密的案件数据库、材料图片、设置和备份）保留在：%n%1%n%n如果这台电脑不再使用本系统且所有案件都已同步到区级，可以勾选下面的选项一并删除。删除后无法恢复。
en.RemoveDataText=The program has been removed. This computer's data (the encrypted case database, captured images, settings and backups) is kept in:%n%1%n%nIf this computer will no longer be used and every case has been synchronised to the district, tick the box to delete it as well. This cannot be undone.
zh.RemoveDataBox=同时删除本机数据文件夹（不可恢复）
en.RemoveDataBox=Also delete the data folder (cannot be undone)
zh.RemoveDataOk=确定
en.RemoveDataOk=OK
zh.RemoveDataFailed=数据文件夹未能全部删除，请手动删除：%n%1
en.RemoveDataFailed=The data folder could not be deleted completely; delete it by hand:%n%1

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade must not leave the previous version's modules beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{cm:AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
; cmd strips the outer quotes of what follows /k, hence the extra pair around the whole command.
Name: "{group}\{cm:SelfTest}"; Filename: "{cmd}"; Parameters: "/k """"{app}\counter-app-console.exe"" --smoke"""; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ The per-user data folder, as counter_app.config.default_data_dir computes it (platformdirs). }
function DataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\township-counter\counter-app');
end;

{ A small page with an unticked box: the data is deleted only when the user ticks it. }
function AskRemoveData(Folder: String): Boolean;
var
  Form: TSetupForm;
  Text: TNewStaticText;
  Box: TNewCheckBox;
  Ok: TNewButton;
begin
  { The signature changed in Inno Setup 6.6.0: the size is given up front (and scaled by the function). }
#if Ver >= EncodeVer(6, 6, 0)
  Form := CreateCustomForm(480, 250, False, False);
#else
  Form := CreateCustomForm();
  Form.ClientWidth := ScaleX(480);
  Form.ClientHeight := ScaleY(250);
#endif
  try
    Form.Caption := CustomMessage('RemoveDataTitle');
    Text := TNewStaticText.Create(Form);
    Text.Parent := Form;
    Text.Left := ScaleX(12);
    Text.Top := ScaleY(12);
    Text.Width := Form.ClientWidth - ScaleX(24);
    Text.WordWrap := True;
    Text.AutoSize := True;
    Text.Caption := FmtMessage(CustomMessage('RemoveDataText'), [Folder]);
    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.Left := ScaleX(12);
    Box.Top := Text.Top + Text.Height + ScaleY(16);  { below however many lines the text took }
    Box.Width := Form.ClientWidth - ScaleX(24);
    Box.Height := ScaleY(20);
    Box.Caption := CustomMessage('RemoveDataBox');
    Box.Checked := False;
    Ok := TNewButton.Create(Form);
    Ok.Parent := Form;
    Ok.Width := ScaleX(90);
    Ok.Height := ScaleY(26);
    Ok.Left := Form.ClientWidth - Ok.Width - ScaleX(12);
    Ok.Top := Form.ClientHeight - Ok.Height - ScaleY(12);
    Ok.Caption := CustomMessage('RemoveDataOk');
    Ok.ModalResult := mrOk;
    Ok.Default := True;
    Form.ActiveControl := Ok;
    Form.ShowModal();
    Result := Box.Checked;
  finally
    Form.Free();
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
begin
  { Silent uninstalls (software distribution tools) always keep the data. }
  if (CurUninstallStep <> usPostUninstall) or UninstallSilent() then
    Exit;
  Folder := DataDir();
  if not DirExists(Folder) then
    Exit;
  if AskRemoveData(Folder) then
    if not DelTree(Folder, True, True, True) then
      MsgBox(FmtMessage(CustomMessage('RemoveDataFailed'), [Folder]), mbError, MB_OK);
end;
