def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /Tests run: 2, Failures: 0, Errors: 0, Skipped: 0/
true
