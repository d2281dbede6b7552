import CCurl

#if canImport(Glibc)
import Glibc
#endif

/// Sends messages to one SMTP server through libcurl, which speaks SMTP, STARTTLS, implicit TLS and
/// AUTH. One `Mailer` is one connection, kept open from message to message (the easy handle is
/// reused, and libcurl keeps its connection). Not for use by two threads at once.
///
/// ```swift
/// let mailer = try Mailer(server: SMTPServer(host: "mail.example.com", port: 587, user: "u", password: p))
/// switch mailer.send(from: "post@example.com", recipients: ["ola@example.no"], message: bytes) { … }
/// ```
public final class Mailer: MessageTransport {
    private let curl: UnsafeMutablePointer<ccurl_library>
    private let handle: UnsafeMutableRawPointer
    private let server: SMTPServer
    private let exchange = Exchange()
    /// libcurl writes its last error here; it must stay at one address for the handle's life.
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    /// Loads and prepares libcurl; call once, before any thread makes a `Mailer`.
    /// - Throws: `MailerError` when libcurl cannot be loaded (then no `Mailer` can be made either).
    public static func prepare() throws {
        _ = try Curl.library.get()
    }

    /// - Throws: `MailerError` when libcurl cannot be loaded or cannot make a handle.
    public init(server: SMTPServer) throws {
        curl = try Curl.library.get()
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        guard let handle = curl.pointee.easy_init!() else {
            errorBuffer.deallocate()
            throw MailerError("libcurl could not start a session")
        }
        self.handle = handle
        self.server = server
        let timeout = max(1, server.timeoutSeconds)
        set(CURLOPT_URL, server.url)
        set(CURLOPT_USE_SSL, Int(server.security == .starttls ? CURLUSESSL_ALL.rawValue : CURLUSESSL_NONE.rawValue))
        if !server.caFile.isEmpty { set(CURLOPT_CAINFO, server.caFile) }
        if !server.user.isEmpty {
            set(CURLOPT_USERNAME, server.user)
            set(CURLOPT_PASSWORD, server.password)
        }
        set(CURLOPT_CONNECTTIMEOUT, timeout)
        set(CURLOPT_SERVER_RESPONSE_TIMEOUT, timeout)
        // A server that stops taking the message: under 1 byte/s for `timeout` seconds ends it.
        set(CURLOPT_LOW_SPEED_LIMIT, 1)
        set(CURLOPT_LOW_SPEED_TIME, timeout)
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_UPLOAD, 1)
        set(CURLOPT_TCP_KEEPALIVE, 1)
        set(CURLOPT_VERBOSE, 1)
        ccurl_set_pointer(curl, handle, CURLOPT_ERRORBUFFER, errorBuffer)
        let context = Unmanaged.passUnretained(exchange).toOpaque()
        ccurl_set_pointer(curl, handle, CURLOPT_READDATA, context)
        ccurl_set_read_function(curl, handle) { buffer, size, count, context in
            let exchange = Unmanaged<Exchange>.fromOpaque(context!).takeUnretainedValue()
            return exchange.read(into: buffer!, capacity: size * count)
        }
        // What a server answers to a command other than a message (the NOOP that reads its
        // capabilities) is not wanted anywhere.
        ccurl_set_write_function(curl, handle) { _, size, count, _ in size * count }
        ccurl_set_pointer(curl, handle, CURLOPT_DEBUGDATA, context)
        ccurl_set_debug_function(curl, handle) { _, type, data, size, context in
            let exchange = Unmanaged<Exchange>.fromOpaque(context!).takeUnretainedValue()
            let bytes = UnsafeRawBufferPointer(start: data, count: size)
            if type == CURLINFO_HEADER_IN {
                exchange.received(bytes)
            } else if type == CURLINFO_HEADER_OUT {
                exchange.sent(bytes)
            }
            return 0
        }
    }

    deinit {
        curl.pointee.easy_cleanup!(handle)
        errorBuffer.deallocate()
    }

    public func send(from: String, recipients: [String], message: [UInt8]) -> DeliveryOutcome {
        // A local part beyond ASCII goes only to a server that offers SMTPUTF8 (RFC 6531): libcurl
        // then says SMTPUTF8 in MAIL FROM; any other server would take the address garbled, or not.
        if let international = ([from] + recipients).first(where: Self.needsSMTPUTF8) {
            if exchange.capabilities == nil, let failure = readCapabilities() { return failure }
            guard exchange.capabilities?.contains("SMTPUTF8") == true else {
                return .refused(code: 0, reply: "not sent: the server does not support SMTPUTF8, which the address '\(international)' needs",
                                temporary: false)
            }
        }
        exchange.start(message)
        defer { exchange.finish() }
        set(CURLOPT_MAIL_FROM, "<\(from)>")
        var list: UnsafeMutablePointer<curl_slist>?
        for recipient in recipients { list = curl.pointee.slist_append!(list, "<\(recipient)>") }
        defer { curl.pointee.slist_free_all!(list) }
        ccurl_set_slist(curl, handle, CURLOPT_MAIL_RCPT, list)
        ccurl_set_long(curl, handle, CURLOPT_INFILESIZE, message.count)
        errorBuffer[0] = 0
        let result = curl.pointee.easy_perform!(handle)
        ccurl_set_slist(curl, handle, CURLOPT_MAIL_RCPT, nil)
        let code = exchange.code
        let reply = exchange.reply
        if result == CURLE_OK { return .accepted(reply: reply) }
        let reason = describe(result)
        if result == CURLE_LOGIN_DENIED {
            return .unavailable(reason: "the server refused the login: \(reply.isEmpty ? reason : reply)")
        }
        if !exchange.transactionStarted {
            return .unavailable(reason: reason + (reply.isEmpty ? "" : " (\(reply))"))
        }
        if exchange.bodySent, !exchange.replied {
            return .unknown(reason: "the whole message was sent but the server gave no reply: \(reason)")
        }
        if exchange.replied, code >= 400, code < 600 {
            return .refused(code: code, reply: reply, temporary: code < 500)
        }
        return .interrupted(reason: reason)
    }

    /// Connects (greeting, EHLO, STARTTLS, AUTH) and says NOOP, so that the server's capabilities
    /// are known before a message needs one; the connection stays open for the messages. Returns
    /// the outcome for the message when the server cannot be used.
    private func readCapabilities() -> DeliveryOutcome? {
        exchange.start([])
        defer { exchange.finish() }
        set(CURLOPT_UPLOAD, 0)
        set(CURLOPT_CUSTOMREQUEST, "NOOP")
        errorBuffer[0] = 0
        let result = curl.pointee.easy_perform!(handle)
        set(CURLOPT_UPLOAD, 1)
        ccurl_set_string(curl, handle, CURLOPT_CUSTOMREQUEST, nil)
        guard result != CURLE_OK else { return nil }
        let reply = exchange.reply
        if result == CURLE_LOGIN_DENIED {
            return .unavailable(reason: "the server refused the login: \(reply.isEmpty ? describe(result) : reply)")
        }
        return .unavailable(reason: describe(result) + (reply.isEmpty ? "" : " (\(reply))"))
    }

    /// Whether an address's local part holds characters beyond ASCII.
    static func needsSMTPUTF8(_ address: String) -> Bool {
        let local = address.lastIndex(of: "@").map { address[..<$0] } ?? Substring(address)
        return !local.utf8.allSatisfy { $0 < 0x80 }
    }

    private func describe(_ result: CURLcode) -> String {
        let detail = String(decoding: UnsafeRawBufferPointer(start: errorBuffer, count: strlen(errorBuffer)), as: UTF8.self)
        let base = curl.pointee.easy_strerror!(result).map { String(cString: $0) } ?? "libcurl error \(result.rawValue)"
        return detail.isEmpty ? base : detail
    }

    private func set(_ option: CURLoption, _ value: String) { ccurl_set_string(curl, handle, option, value) }
    private func set(_ option: CURLoption, _ value: Int) { ccurl_set_long(curl, handle, option, value) }
}

/// libcurl's functions (the `ccurl_library` the shim loads), with `curl_global_init` done. libcurl
/// is loaded by the first `Mailer`, not when the program starts: its dependency tree costs about
/// 8 ms at every start of every command, and only sending mail needs it. The pointers never
/// change once set (by Swift's one-time initialisation), so threads may share them.
/// The non-null function pointers are guaranteed by `ccurl_load`, which fails otherwise.
/// `LETTERSHOP_LIBCURL` names another file to load than `libcurl.so.4`.
private enum Curl {
    nonisolated(unsafe) static let library: Result<UnsafeMutablePointer<ccurl_library>, MailerError> = {
        let name = getenv("LETTERSHOP_LIBCURL").flatMap { String(validatingCString: $0) } ?? "libcurl.so.4"
        guard let library = ccurl_load(name) else {
            let reason = String(cString: ccurl_load_error())
            return .failure(MailerError("libcurl cannot be loaded (\(reason)); install it: apt-get install libcurl4"))
        }
        _ = library.pointee.global_init!(Int(CURL_GLOBAL_DEFAULT))
        return .success(library)
    }()
}

/// A libcurl failure outside any one message.
public struct MailerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// One message's exchange with the server, as the libcurl callbacks see it: the bytes still to
/// send, the server's latest reply, and how far the transaction got.
private final class Exchange {
    private var message: [UInt8] = []
    private var offset = 0
    private var replyLines: [String] = []
    private var pending: [UInt8] = []
    /// `MAIL FROM` was sent: from here on a failure concerns this message.
    private(set) var transactionStarted = false
    /// The data command was sent and every byte of the message was handed over.
    private(set) var bodySent = false
    /// A complete reply came after the last command or the end of the data.
    private(set) var replied = false
    private var dataCommandSent = false
    /// The server's EHLO keywords (`SMTPUTF8`, `8BITMIME`…) on the current connection; nil before
    /// an EHLO was answered. Kept from message to message, as the connection is.
    private(set) var capabilities: Set<String>?
    private var readingCapabilities = false

    func start(_ bytes: [UInt8]) {
        message = bytes
        offset = 0
        replyLines = []
        pending = []
        transactionStarted = false
        bodySent = false
        replied = false
        dataCommandSent = false
        quitting = false
    }

    func finish() { message = [] }

    /// The last reply, its lines joined with a space.
    var reply: String { replyLines.joined(separator: " ") }

    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, message.count - offset)
        if count > 0 {
            message.withUnsafeBytes { source in
                UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: count)
            }
            offset += count
        }
        if offset == message.count, dataCommandSent, !bodySent {
            bodySent = true
            replied = false
            replyLines = []
        }
        return count
    }

    func sent(_ bytes: UnsafeRawBufferPointer) {
        let command = String(decoding: bytes.prefix(10), as: UTF8.self).uppercased()
        // libcurl says QUIT when it closes a connection after a failure: its reply is not news.
        if command.hasPrefix("QUIT") {
            quitting = true
            return
        }
        if command.hasPrefix("MAIL FROM") { transactionStarted = true }
        if command.hasPrefix("EHLO") || command.hasPrefix("HELO") {
            // A new EHLO (a new connection, or after STARTTLS) says the capabilities afresh.
            capabilities = []
            readingCapabilities = command.hasPrefix("EHLO")
        }
        if command.hasPrefix("DATA") { dataCommandSent = true }
        replyLines = []
        replied = false
    }

    /// The code of the last reply (`451`), 0 before any.
    var code: Int { replyLines.last.flatMap { Int($0.prefix(3)) } ?? 0 }

    private var quitting = false

    func received(_ bytes: UnsafeRawBufferPointer) {
        if quitting { return }
        pending += bytes
        while let end = pending.firstIndex(of: 10) {
            var line = String(decoding: pending[..<end], as: UTF8.self)
            pending.removeSubrange(...end)
            if line.hasSuffix("\r") { line.removeLast() }
            // A multi-line reply is `250-…` lines then one `250 …`; a new reply replaces the last.
            if replied { replyLines = [] ; replied = false }
            replyLines.append(line)
            let marker = line.utf8.count > 3 ? line.utf8[line.utf8.index(line.utf8.startIndex, offsetBy: 3)] : UInt8(ascii: " ")
            if readingCapabilities, line.hasPrefix("250"), let keyword = line.dropFirst(4).split(separator: " ").first {
                capabilities?.insert(keyword.uppercased())
            }
            if marker != UInt8(ascii: "-") {
                replied = true
                readingCapabilities = false
            }
        }
    }
}
