def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /asyncapi-kafka: orders\.yaml is valid: AsyncAPI 2\.6\.0, 1 channel, 1 operation, 5 files/

// One type per named schema, wherever its file is.
def sources = [:]
new File(basedir, 'target/generated-sources/asyncapi').eachFileRecurse {
    if (it.name.endsWith('.java')) sources[it.name] = it
}
['Order.java', 'OrderLine.java', 'Money.java'].each { assert sources.containsKey(it) : "${it} missing from ${sources.keySet()}" }
assert !sources.keySet().any { it.startsWith('Anonymous') }

def classes = []
new File(basedir, 'target/classes').eachFileRecurse { if (it.name.endsWith('.class')) classes << it.name }
['Order.class', 'OrderLine.class', 'Money.class'].each { assert classes.contains(it) : "${it} not compiled" }

// Every file reached through $ref is fingerprinted, so editing any of them regenerates.
def state = new File(basedir, 'target/asyncapi-kafka/default.fingerprint').readLines()
// "input <size> <mtime> <sha256> <path>"
def inputs = state.findAll { it.startsWith('input ') }.collect { it.split(' ', 5)[4] } as Set
assert inputs == ['orders.yaml', 'messages/order-placed.yaml', 'schemas/order.yaml', 'schemas/order-line.yaml',
                  'schemas/common/money.json'] as Set

// Step 2, from the command line: its own state (execution id default-cli), folder and package.
def cli = []
new File(basedir, 'target/cli-sources/com/acme/cli').eachFileRecurse { if (it.name.endsWith('.java')) cli << it.name }
assert cli.containsAll(['Order.java', 'OrderLine.java', 'Money.java'])
assert new File(basedir, 'target/asyncapi-kafka/default-cli.fingerprint').isFile()
// The command line's deadLetterTopics reached the generated consumer and the build log.
def consumer = null
new File(basedir, 'target/cli-sources/com/acme/cli').eachFileRecurse { if (it.name.endsWith('Consumer.java')) consumer = it }
assert consumer != null : "no consumer generated in ${cli}"
assert consumer.text.contains('DEAD_LETTER_TOPIC = "orders.dead-letters.v1"')
assert log.contains('orders.dead-letters.v1 (plugin configuration)')
true
