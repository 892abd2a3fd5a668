// Placeholder until the producer and consumer generators land (issues 3 and 5): the test below only starts the
// broker. Remove this file when OrderFlowTest sends through the generated producer and receives through the
// generated handler.
false
