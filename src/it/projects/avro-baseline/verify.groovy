def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
// the generate goal read the baseline (a file) and offered its Avro schema to the reader; only that execution
assert log.contains('asyncapi-kafka: 1 Avro schema(s) of compat/v1/ship.yaml offered to the single-object readers')
assert log.findAll(/Avro schema\(s\) of .* offered/).size() == 1
assert log =~ /Tests run: 2, Failures: 0, Errors: 0, Skipped: 0/

def generated = new File(basedir, 'target/generated-sources/asyncapi')
def current = new File(generated, 'com/acme/ship/current/kafka/Messages.java').text
def plain = new File(generated, 'com/acme/ship/plain/kafka/Messages.java').text
// the released writer schema (parcels an int, no carrier) is embedded as writerSchema.1 with the baseline only
assert current.contains('"writerSchema.1"')
assert current.contains('\\"name\\":\\"parcels\\",\\"type\\":\\"int\\"')
assert !plain.contains('writerSchema')
true
