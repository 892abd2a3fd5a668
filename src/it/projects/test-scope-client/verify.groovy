import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /Tests run: 2, Failures: 0, Errors: 0, Skipped: 0/

// The client side was generated into the test sources and compiled into test-classes only.
assert new File(basedir, 'target/generated-test-sources/asyncapi/com/acme/ts/client/kafka/OrdersV1Producer.java').isFile()
assert new File(basedir, 'target/test-classes/com/acme/ts/client/kafka/OrdersV1Producer.class').isFile()
assert !new File(basedir, 'target/classes/com/acme/ts/client').exists()
assert !new File(basedir, 'target/generated-sources/asyncapi/com/acme/ts/client').exists()

// The jar holds the service's side and nothing of the client's.
def jar = new ZipFile(new File(basedir, 'target/test-scope-client-1.0-SNAPSHOT.jar'))
def names = jar.entries().collect { it.name }
jar.close()
assert names.contains('com/acme/ts/api/kafka/OrderIntakeKafka.class')
assert names.contains('com/acme/ts/OrderService.class')
assert !names.any { it.startsWith('com/acme/ts/client/') && it.endsWith('.class') } : names.findAll { it.startsWith('com/acme/ts/client/') }

// The embedded broker is quiet under slf4j-simple at INFO: one start line, no Kafka INFO lines (the parent pom has
// surefire write test output to a file).
def out = new File(basedir, 'target/surefire-reports/com.acme.ts.OrderServiceTest-output.txt').text
assert (out =~ /INFO io\.asyncapikafka\.testkit\.KafkaBroker - embedded Kafka broker \(KRaft, 1 node\) at \S+, started in/).size() == 1
def kafkaInfo = out.readLines().findAll { it =~ /\bINFO (kafka\.|org\.apache\.kafka\.|state\.change\.logger)/ }
assert kafkaInfo.isEmpty() : kafkaInfo.take(5)
true
