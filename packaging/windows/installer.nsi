; The Windows installer of Seleksi Ad Hoc, built on Linux with Debian's
; makensis (Tauri's own NSIS bundler downloads plugins at bundle time, which
; cannot happen on the build machines). `make dist` runs:
;   makensis -DVERSION=0.1.0 -DSOURCE=<folder with the programs> -DOUTFILE=<setup.exe> installer.nsi
;
; Per user, without administrator rights: the programs go to
; %LOCALAPPDATA%\Programs\Seleksi Ad Hoc, a Start-menu entry and an
; uninstaller are added for this user only. The data (database, backups,
; scans) lives in %APPDATA%\id.seleksiadhoc.desktop and is never touched by
; the installer or the uninstaller.

Unicode true
; A 64-bit installer for the 64-bit programs (and so it runs under wine64 in
; the tests).
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION
  !error "VERSION is not defined (makensis -DVERSION=...)"
!endif
!ifndef SOURCE
  !error "SOURCE is not defined (makensis -DSOURCE=...)"
!endif
!ifndef OUTFILE
  !error "OUTFILE is not defined (makensis -DOUTFILE=...)"
!endif

!define PRODUCT "Seleksi Ad Hoc"
!define APP_EXE "seleksi-adhoc.exe"
!define CLI_EXE "adhoc.exe"
!define DATA_FOLDER "id.seleksiadhoc.desktop"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\SeleksiAdHoc"
; The WebView2 runtime's client id (the same for every channel of the Evergreen runtime).
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1057 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1057 "FileDescription" "Pemasang ${PRODUCT}"
VIAddVersionKey /LANG=1057 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1057 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1057 "LegalCopyright" "MIT"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!define MUI_ICON "${SOURCE}\icon.ico"
!define MUI_UNICON "${SOURCE}\icon.ico"
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TEXT "Program ini memasang ${PRODUCT} ${VERSION} untuk pengguna Windows ini saja; hak administrator tidak diperlukan.$\r$\n$\r$\nData seleksi (database, cadangan, berkas pindaian) disimpan di $APPDATA\${DATA_FOLDER} dan tidak diubah oleh pemasangan atau pembaruan.$\r$\n$\r$\nTutup ${PRODUCT} bila sedang dibuka, lalu klik Lanjut."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Buka ${PRODUCT} sekarang"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Indonesian"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${PRODUCT} memerlukan Windows 64-bit (x64)." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

; Whether the WebView2 runtime is installed (for this machine or this user).
Function CheckWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    MessageBox MB_ICONEXCLAMATION "Microsoft Edge WebView2 Runtime belum terpasang di komputer ini. ${PRODUCT} memerlukannya untuk menampilkan jendela aplikasi (biasanya sudah ada di Windows 10 dan 11).$\r$\n$\r$\nPemasangan tetap dilanjutkan. Sebelum membuka aplikasi, pasang $\"WebView2 Runtime$\" (Evergreen) dari situs Microsoft:$\r$\nhttps://go.microsoft.com/fwlink/p/?LinkId=2124703$\r$\natau minta bantuan petugas TI." /SD IDOK
  ${EndIf}
FunctionEnd

Section "${PRODUCT}" SecMain
  SectionIn RO
  Call CheckWebView2
  SetOutPath "$INSTDIR"
  File "${SOURCE}\${APP_EXE}"
  File "${SOURCE}\${CLI_EXE}"
  File /nonfatal "${SOURCE}\WebView2Loader.dll"
  File "${SOURCE}\icon.ico"
  File "${SOURCE}\BACA-SAYA.txt"
  File "${SOURCE}\LICENSE.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Start menu (this user): the app, and a command prompt for the adhoc CLI.
  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\icon.ico"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\Baris perintah adhoc.lnk" "$SYSDIR\cmd.exe" '/k cd /d "$INSTDIR" && adhoc --help' "$SYSDIR\cmd.exe"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\Hapus ${PRODUCT}.lnk" "$INSTDIR\uninstall.exe"

  ; Apps & features (this user).
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Seleksi Ad Hoc"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\icon.ico"
  Delete "$INSTDIR\BACA-SAYA.txt"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\Baris perintah adhoc.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\Hapus ${PRODUCT}.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; The data stays: say where it is.
  IfSilent +2
  MessageBox MB_ICONINFORMATION "${PRODUCT} sudah dihapus dari komputer ini.$\r$\n$\r$\nData seleksi (database, cadangan, berkas pindaian) TIDAK dihapus dan tetap ada di:$\r$\n$APPDATA\${DATA_FOLDER}$\r$\n$\r$\nSimpan cadangannya bila akan dipindahkan ke komputer lain. Hapus folder itu sendiri hanya bila datanya memang tidak diperlukan lagi."
SectionEnd
