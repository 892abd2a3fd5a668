def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /Tests run: 3, Failures: 0, Errors: 0, Skipped: 0/

// Each execution keeps its own incremental state.
assert new File(basedir, 'target/asyncapi-kafka/application.fingerprint').isFile()
assert new File(basedir, 'target/asyncapi-kafka/client.fingerprint').isFile()

// The build summary has one line per operation (channel, operationId, send/receive, type); pick each execution's.
def section = { String id ->
    def header = (log =~ /asyncapi-kafka-maven-plugin:[^:\s]+:generate \(${id}\)/)
    assert header.find() : "no ${id} execution in the log"
    def start = header.start()
    def end = log.indexOf('[INFO] ---', start + 10)
    log.substring(start, end < 0 ? log.length() : end)
}
def direction = { String text, String operationId ->
    def line = text.readLines().find { it.contains(" ${operationId} ") }
    assert line : "no summary line for ${operationId} in:\n${text}"
    // Whole words only: operation and type names may well contain "send" or "receive".
    def words = line.toLowerCase().split(/[^a-z]+/) as List
    assert words.contains('send') ^ words.contains('receive') : "unclear direction: ${line}"
    words.contains('send') ? 'send' : 'receive'
}
def app = section('application')
def client = section('client')
assert direction(app, 'placeOrder') == 'receive'
assert direction(app, 'confirmOrder') == 'send'
assert direction(client, 'placeOrder') == 'send'
assert direction(client, 'confirmOrder') == 'receive'
true
