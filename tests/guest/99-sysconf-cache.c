/*
 * The cache sizes glibc finds in CPUID at start-up (sysconf's
 * _SC_LEVEL*_CACHE_*, sysdeps/x86/dl-cacheinfo.h): on an AMD host the
 * native run reads leaves 0x80000005 and 0x80000006 (handle_amd), and
 * stitch's default model, which says the host's vendor, gives the same
 * leaves.  Other hosts print only that they are not AMD ones: there
 * stitch's CPU reports no cache descriptors (docs/divergences.md).
 * levels: O0 O2
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int amd_host(void)
{
    char line[256];
    int amd = 0;
    FILE *f = fopen("/proc/cpuinfo", "r");

    while (f && fgets(line, sizeof(line), f))
        if (!strncmp(line, "vendor_id", 9)) {
            amd = strstr(line, "AuthenticAMD") != NULL;
            break;
        }
    if (f)
        fclose(f);
    return amd;
}

int main(void)
{
    static const struct {
        const char *name;
        int sc;
    } q[] = {
#define Q(x) { #x, x }
        Q(_SC_LEVEL1_ICACHE_SIZE), Q(_SC_LEVEL1_ICACHE_ASSOC), Q(_SC_LEVEL1_ICACHE_LINESIZE),
        Q(_SC_LEVEL1_DCACHE_SIZE), Q(_SC_LEVEL1_DCACHE_ASSOC), Q(_SC_LEVEL1_DCACHE_LINESIZE),
        Q(_SC_LEVEL2_CACHE_SIZE),  Q(_SC_LEVEL2_CACHE_ASSOC),  Q(_SC_LEVEL2_CACHE_LINESIZE),
        Q(_SC_LEVEL3_CACHE_SIZE),  Q(_SC_LEVEL3_CACHE_ASSOC),  Q(_SC_LEVEL3_CACHE_LINESIZE),
        Q(_SC_LEVEL4_CACHE_SIZE),
#undef Q
    };

    if (!amd_host()) {
        printf("not an AMD host\n");
        return 0;
    }
    for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++)
        printf("%s %ld\n", q[i].name, sysconf(q[i].sc));
    return 0;
}
