/* build_id.h: what identifies the code that computed a stored result. RHEA_VERSION alone stays
 * the same across builds of changed sources, so the id also carries the digest of rhea's
 * sources (written at build time, engine/build_id.cmake) and the versions of the libraries whose
 * behaviour the results depend on (libgit2 reads the trees, GLib's regex matches them). */
#pragma once

/* "VERSION+SOURCE-SHA256 libgit2 A.B.C glib A.B.C"; static, never freed. */
const char *rhea_build_id(void);
