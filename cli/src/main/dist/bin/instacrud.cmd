@echo off
rem The InstaCRUD command line from its release archive: this script in bin\, every jar in lib\.
setlocal
set "HOME_DIR=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
if "%1"=="run" (set "OPTS=%INSTACRUD_JAVA_OPTS%") else (if defined INSTACRUD_JAVA_OPTS (set "OPTS=%INSTACRUD_JAVA_OPTS%") else (set "OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms16m"))
"%JAVA%" %OPTS% -cp "%HOME_DIR%\lib\*" dev.instacrud.cli.Main %*
