def log = new File(basedir, 'build.log').text
assert (log =~ /BUILD SUCCESS/).size() == 5

// 1: the producer attached its contract zip and installed it into the (IT's) local repository.
assert log.contains('asyncapi-kafka: attached orders-contract-1.0.0-asyncapi.zip')
def repo = new File(localRepositoryPath, 'io/asyncapikafka/it/orders-contract/1.0.0')
assert new File(repo, 'orders-contract-1.0.0-asyncapi.zip').isFile()
assert new File(repo, 'orders-contract-1.0.0.jar').isFile()

assert new File(localRepositoryPath, 'io/asyncapikafka/it/orders-contract/1.1.0/orders-contract-1.1.0-asyncapi.zip').isFile()

// 2: the consumer read both forms from there, $ref included, and compiled what it generated.
assert log.contains('asyncapi-kafka: contract io.asyncapikafka.it:orders-contract:1.0.0 read from io.asyncapikafka.it/orders-contract/1.0.0-asyncapi.zip/orders.yaml inside it')
assert log.contains('asyncapi-kafka: contract io.asyncapikafka.it:orders-contract:1.0.0 read from io.asyncapikafka.it/orders-contract/1.0.0.jar/asyncapi/orders.yaml inside it')
def unpacked = new File(basedir, 'consumer/target/asyncapi-kafka/contracts/io.asyncapikafka.it/orders-contract')
assert new File(unpacked, '1.0.0-asyncapi.zip/schemas/order.yaml').isFile()
assert new File(unpacked, '1.0.0.jar/asyncapi/schemas/order.yaml').isFile()
assert new File(unpacked, '1.1.0-asyncapi.zip/schemas/order.yaml').text.contains('currency')
for (pkg in ['zip', 'jar']) {
    // The payload schema is the $ref'd schemas/order.yaml (its class name is the naming rules' business); after step 5
    // it is 1.1.0's, with the added currency.
    def models = new File(basedir, "consumer/target/generated-sources/asyncapi/com/acme/billing/${pkg}/model")
            .listFiles().findAll { it.text.contains('BigDecimal total') && it.text.contains('String currency') }
    assert models.size() == 1 : models
    def name = models[0].name.replace('.java', '.class')
    assert new File(basedir, "consumer/target/classes/com/acme/billing/${pkg}/model/${name}").isFile()
}

// 3: fingerprinted like a file: the second consumer build skips both executions.
assert (log =~ /orders\.yaml is up to date \(fingerprint unchanged\), generation skipped in \d+ ms/).size() == 2

// 5: the new version regenerated both executions (the payload changed; files no longer produced would be deleted).
assert log.contains('read from io.asyncapikafka.it/orders-contract/1.1.0-asyncapi.zip/orders.yaml inside it')
assert log.contains('read from io.asyncapikafka.it/orders-contract/1.1.0.jar/asyncapi/orders.yaml inside it')
assert (log =~ /asyncapi-kafka: generated \d+ files from target\/asyncapi-kafka\/contracts\/io\.asyncapikafka\.it\/orders-contract\/1\.1\.0/).size() == 2
true
