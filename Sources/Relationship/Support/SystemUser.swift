#if canImport(Glibc)
import Glibc
#endif

/// The operating-system user running Lettershop, as the interaction log records it.
public enum SystemUser {
    public static var name: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name, let text = String(validatingCString: name), !text.isEmpty {
            return text
        }
        if let variable = getenv("USER"), let text = String(validatingCString: variable), !text.isEmpty { return text }
        return "uid \(geteuid())"
    }
}
