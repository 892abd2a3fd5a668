// Both invocations write into the same build.log.
def log = new File(basedir, 'build.log').text

// The error is one clickable line: absolute path of the contract, line of the bad $ref, column, stable code.
assert log =~ /(?m)\/src\/main\/asyncapi\/orders\.yaml:10:\d+: error AKM020 /
// Contract mistakes are not bugs: no Java stack trace, no "internal error".
assert !(log =~ /(?m)^\s+at [\w.$]+ ?\(/)
assert !log.contains('MojoFailureException:')
assert !log.contains('internal error')
assert log.contains('BUILD FAILURE')

// Steps 1 (generate) and 3 (validate from the command line) both report it, and repeat it in the failure message.
assert (log =~ /(?m)orders\.yaml:10:\d+: error AKM020 /).size() >= 4
assert log =~ /asyncapi-kafka-maven-plugin:[^:\s]+:validate \(default-cli\)/
assert (log =~ /Reading contract orders\.yaml failed with 1 error:/).size() == 2

// Step 2: the invalid role names the property and the accepted values.
assert log.contains("Invalid role 'server' (asyncapi.role)")

// A failed generation leaves nothing behind: no sources, no fingerprint that could make the next build skip.
def generated = new File(basedir, 'target/generated-sources/asyncapi')
assert !generated.exists() || !generated.listFiles().any()
def state = new File(basedir, 'target/asyncapi-kafka')
assert !state.exists() || !state.listFiles().any { it.name.endsWith('.fingerprint') }
true
