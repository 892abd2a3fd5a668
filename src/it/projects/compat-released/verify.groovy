// All three invocations write into the same build.log.
def log = new File(basedir, 'build.log').text

// Step 1: the contract archive was installed beside the pom.
def zip = new File(localRepositoryPath, 'io/asyncapikafka/it/compat-released/1.0.0/compat-released-1.0.0-asyncapi.zip')
assert zip.isFile()
assert log.contains('nothing to compare')

// Step 2: one clickable line located in the new file, with the old location from the released 1.0.0, no stack trace.
assert log =~ /(?m)\/src\/main\/asyncapi\/schemas\/order-v2\.yaml:\d+:\d+: REQUIRED_PROPERTY_REMOVED BREAKING .*'total' removed.*\[was io\.asyncapikafka\.it:compat-released:1\.0\.0 schemas\/order\.yaml:5:3 #\/properties\/total\]/
assert log.contains('has 1 breaking change against its baseline')
assert log.contains('BUILD FAILURE')
assert !(log =~ /(?m)^\s+at [\w.$]+ ?\(/)
assert !log.contains('internal error')

// Step 3: acknowledged, so reported as a warning and the build passes.
assert log =~ /(?m)REQUIRED_PROPERTY_REMOVED BREAKING .* \(acknowledged\)/
assert log.contains('is compatible with io.asyncapikafka.it:compat-released:1.0.0')
assert log.contains('BUILD SUCCESS')

// Step 4: the build itself is no baseline.
assert log.contains('Baseline io.asyncapikafka.it:compat-released:1.0.0 is the version being built')
true
