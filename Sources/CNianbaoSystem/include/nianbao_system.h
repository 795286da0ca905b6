#ifndef NIANBAO_SYSTEM_H
#define NIANBAO_SYSTEM_H

/// Atomically exchanges two paths on the same file system (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0, or -1 with errno set (ENOSYS/EINVAL where the kernel or file system lacks it).
int nianbao_exchange(const char *a, const char *b);

#endif
