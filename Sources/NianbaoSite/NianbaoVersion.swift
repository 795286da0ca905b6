/// nianbao's version: what `nianbao --version` prints, the Debian package's version
/// (scripts/package-deb.sh asks the binary), and part of every output's inputs.
public enum NianbaoVersion {
    public static let current = "0.1.0"
}
