import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
assert (log =~ /BUILD SUCCESS/).size() == 2

// Step 2 names the removed execution and what it deleted.
assert log =~ /asyncapi-kafka: execution 'client' is no longer in the build: deleted its \d+ generated files under \S+generated-sources\/asyncapi\/com\/acme\/rm\/client and its state client\.fingerprint/
assert !new File(basedir, 'target/asyncapi-kafka/client.fingerprint').exists()
assert new File(basedir, 'target/asyncapi-kafka/service.fingerprint').isFile()
assert !new File(basedir, 'target/generated-sources/asyncapi/com/acme/rm/client').exists()
assert new File(basedir, 'target/generated-sources/asyncapi/com/acme/rm/service/kafka/OrderIntakeKafka.java').isFile()

// The compiler saw sources disappear and recompiled: no class of the client is left (maven-compiler-plugin deletes the
// classes it made, and leaves their empty folders), in classes or in the jar.
def leftClasses = new File(basedir, 'target/classes/com/acme/rm')
def clientClasses = []
leftClasses.eachFileRecurse { if (it.isFile() && it.path.contains('/client/')) clientClasses << it }
assert clientClasses.isEmpty() : clientClasses
def jar = new ZipFile(new File(basedir, 'target/removed-execution-1.0-SNAPSHOT.jar'))
def names = jar.entries().collect { it.name }
jar.close()
assert names.contains('com/acme/rm/service/kafka/OrderIntakeKafka.class')
assert !names.any { it.startsWith('com/acme/rm/client/') && it.endsWith('.class') } : names.findAll { it.startsWith('com/acme/rm/client/') }
true
