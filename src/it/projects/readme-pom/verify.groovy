def log = new File(basedir, 'build.log').text
// Which Maven ran (-V): the Maven of the outer build, or 3.9 for the readme-on-maven-3.9 execution (its-maven-3.9/).
def version = (log =~ /Apache Maven (3\.\d+\.\d+)/)
assert version.find()
if (basedir.path.contains('its-maven-3.9')) {
    assert version.group(1).startsWith('3.9.') : version.group(1)
}
println "${basedir.name}: built with Maven ${version.group(1)}"
assert (log =~ /BUILD SUCCESS/).size() == 2
// Both sides generated and compiled: the service's into classes, the other side's into test-classes only.
assert new File(basedir, 'target/classes/com/acme/orders/api/kafka/OrderIntakeKafka.class').isFile()
assert new File(basedir, 'target/test-classes/com/acme/orders/client/kafka/OrderIntakeKafka.class').isFile()
assert !new File(basedir, 'target/classes/com/acme/orders/client').exists()
assert new File(basedir, 'target/orders-service-1.0-SNAPSHOT.jar').isFile()
// Maven 3.8 prints the artifactId, 3.9 the prefix.
assert log =~ /asyncapi-kafka(-maven-plugin)?:[^:\s]+:validate \(default-cli\)/
assert log.contains('asyncapi-kafka: orders.yaml is valid')
true
