/// The programs PDF output and previews need, found on `$PATH` (or where the user says), with the
/// Debian package to install when one is missing.
public enum OfficeTools {
    /// LibreOffice's `soffice`: `explicit` (`--soffice PATH`) when given, else `soffice` on `$PATH`.
    /// - Throws: `MergeError.io` naming the package to install.
    public static func soffice(explicit: String?) throws -> String {
        if let explicit {
            guard let found = ChildProcess.find(explicit) else {
                throw MergeError.io(path: explicit, message: "--soffice: no such program (LibreOffice's soffice is needed for PDF)")
            }
            return found
        }
        guard let found = ChildProcess.find("soffice") ?? ChildProcess.find("libreoffice") else {
            throw MergeError.io(path: "soffice", message: "LibreOffice is needed for PDF and previews but was not found on PATH: "
                                + "install the package libreoffice-writer-nogui (./install-dependencies.sh --with-office), or give --soffice PATH")
        }
        return found
    }

    /// One of poppler's tools (`pdftoppm`, `pdfseparate`).
    /// - Throws: `MergeError.io` naming the package to install.
    public static func poppler(_ name: String) throws -> String {
        guard let found = ChildProcess.find(name) else {
            throw MergeError.io(path: name, message: "\(name) is needed for previews but was not found on PATH: "
                                + "install the package poppler-utils (./install-dependencies.sh --with-office)")
        }
        return found
    }
}
