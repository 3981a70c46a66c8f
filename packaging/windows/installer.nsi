; The Windows installer of webleads-tracker (NSIS 3, Unicode).
;
; Per user, without administrator rights: installs into %LOCALAPPDATA%\Programs\webleads-tracker,
; adds a Start-menu entry, an optional desktop shortcut and an uninstaller (Paramètres > Applications).
; The uninstaller keeps the user's data folder (%LOCALAPPDATA%\webleads-tracker: the base, its
; copies, the journal) unless the user ticks « Supprimer aussi mes données ».
;
; Build on Windows, from the repository root, after PyInstaller:
;   pyinstaller --noconfirm packaging\webleads.spec
;   makensis /DVERSION=0.2.0 packaging\windows\installer.nsi
; → dist\webleads-tracker-0.2.0-installation.exe
; CI compiles it on Linux against the Linux bundle (/DEXE_SUFFIX= /DNO_COMPRESSION), which checks
; this script and the file list, not the resulting installer.

Unicode true
!ifdef NO_COMPRESSION
  SetCompress off   ; CI's stand-in compile: the script and the file list are what it checks
!else
  SetCompressor /SOLID lzma
!endif
RequestExecutionLevel user

!ifndef VERSION
  !error "makensis /DVERSION=x.y.z (the version in pyproject.toml)"
!endif
!ifndef BUNDLE
  !define BUNDLE "..\..\dist\webleads-tracker"
!endif
!ifndef EXE_SUFFIX
  !define EXE_SUFFIX ".exe"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\webleads-tracker-${VERSION}-installation.exe"
!endif

!define APP "webleads-tracker"
!define CLI "webleads"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define DATA_DIR "$LOCALAPPDATA\${APP}"   ; platformdirs' user_data_dir (services/core/paths.py)
!define SETTINGS_KEY "Software\webleads\${APP}"   ; QSettings (gui/app.py)

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "Software\${APP}" "InstallDir"
BrandingText "${APP} ${VERSION}"

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "..\..\resources\icons\webleads-tracker.ico"
!define MUI_UNICON "..\..\resources\icons\webleads-tracker.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP}${EXE_SUFFIX}"
!define MUI_FINISHPAGE_RUN_TEXT "Lancer webleads-tracker"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "..\..\LICENSE"
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "French"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_FRENCH} "ProductName" "${APP}"
VIAddVersionKey /LANG=${LANG_FRENCH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_FRENCH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_FRENCH} "FileDescription" "Installation de webleads-tracker"
VIAddVersionKey /LANG=${LANG_FRENCH} "LegalCopyright" "Licence MIT"

Section "webleads-tracker (programme)" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An older version's files go first: a module left behind would be loaded by the new one.
  RMDir /r "$INSTDIR\_internal"
  ; The two programs by name (a missing one fails the build), then everything they load.
  File "${BUNDLE}\${APP}${EXE_SUFFIX}"
  File "${BUNDLE}\${CLI}${EXE_SUFFIX}"
  File /r "${BUNDLE}\_internal"

  WriteUninstaller "$INSTDIR\Desinstaller.exe"
  WriteRegStr HKCU "Software\${APP}" "InstallDir" "$INSTDIR"

  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\${APP}${EXE_SUFFIX}" "" "$INSTDIR\${APP}${EXE_SUFFIX}" 0
  CreateShortcut "$SMPROGRAMS\${APP}\Désinstaller ${APP}.lnk" "$INSTDIR\Desinstaller.exe"

  ; Paramètres > Applications (per user: HKCU).
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP}${EXE_SUFFIX}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Desinstaller.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Desinstaller.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Raccourci sur le bureau" SecDesktop
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\${APP}${EXE_SUFFIX}" "" "$INSTDIR\${APP}${EXE_SUFFIX}" 0
SectionEnd

Section "-size"
  ; What Paramètres > Applications shows, once every file is in place.
  SectionGetSize ${SecProgram} $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

; --- the uninstaller ---------------------------------------------------------------------------------------

Section "un.webleads-tracker (programme)" UnSecProgram
  SectionIn RO
  Delete "$DESKTOP\${APP}.lnk"
  RMDir /r "$SMPROGRAMS\${APP}"
  ; Only what the installer put there: a file the user saved in this folder stays.
  Delete "$INSTDIR\${APP}${EXE_SUFFIX}"
  Delete "$INSTDIR\${CLI}${EXE_SUFFIX}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\Desinstaller.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP}"
SectionEnd

; Unticked unless the user asks: the contacts, consents and registers are the business's records.
Section /o "un.Supprimer aussi mes données (contacts, campagnes, registres, journal)" UnSecData
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 \
    "Supprimer définitivement le dossier de données ${DATA_DIR} ?$\n$\nLa base des contacts, ses copies et le journal seront effacés. Les registres exigés par la CNIL ne pourront plus être produits." \
    /SD IDNO IDYES remove
  DetailPrint "Dossier de données conservé : ${DATA_DIR}"
  Goto done
  remove:
    RMDir /r "${DATA_DIR}"
    DeleteRegKey HKCU "${SETTINGS_KEY}"
  done:
SectionEnd
