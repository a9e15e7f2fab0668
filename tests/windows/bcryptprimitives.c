/* A stand-in for Windows' bcryptprimitives.dll, for Wine 8 only (Debian 12's
 * Wine lacks it; Windows 10 and 11 have it). Rust's standard library takes
 * its random numbers from ProcessPrng there; this one asks BCryptGenRandom.
 * Built by `make windows-test` into the test's Wine prefix, never shipped. */
#include <windows.h>
#include <bcrypt.h>
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    return BCryptGenRandom(NULL, data, (ULONG)len, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0;
}
