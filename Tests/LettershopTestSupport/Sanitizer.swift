#if canImport(Glibc)
import Glibc
#endif

/// Whether the tests (and so the `lettershop` binary built beside them) run under AddressSanitizer or
/// ThreadSanitizer (`swift test --sanitize=…`, see Scripts/sanitize.sh). Their shadow memory and
/// bookkeeping multiply memory and time, so a test of a memory or time bound does not hold there.
public enum Sanitizer {
    /// True when a sanitizer's runtime is linked into this process.
    public static let active: Bool = {
        guard let handle = dlopen(nil, RTLD_NOW) else { return false }
        defer { dlclose(handle) }
        let runtimes: [String] = ["__asan_init", "__tsan_init"]
        return runtimes.contains { name in dlsym(handle, name) != nil }
    }()
}
