def log = new File(basedir, 'build.log').text
// Which Maven ran (-V): the Maven of the outer build, or 3.9 for the readme-on-maven-3.9 execution (its-maven-3.9/).
def version = (log =~ /Apache Maven (3\.\d+\.\d+)/)
assert version.find()
if (basedir.path.contains('its-maven-3.9')) {
    assert version.group(1).startsWith('3.9.') : version.group(1)
}
println "${basedir.name}: built with Maven ${version.group(1)}"
assert log.contains('BUILD SUCCESS')
// Generated and compiled in the same command.
assert new File(basedir, 'target/classes/com/acme/orders/kafka/OrdersV1Producer.class').isFile()
assert new File(basedir, 'target/classes/com/acme/orders/model/OrderPlaced.class').isFile()
true
