/// The chatroom load generator ([chatroom.bench.Bench]) and JMH microbenchmarks
/// (`chatroom.bench.jmh`). A tool for developers: it is not linked into the runtime image.
///
/// `bench desktop` runs the real desktop client (`chatroom.client`, JavaFX) in this JVM and
/// drives its window through JavaFX's public scene API.
///
/// HdrHistogram 2.2.2 and JMH 1.37 carry no `Automatic-Module-Name`, so their module names
/// (`HdrHistogram`, `jmh.core`) come from their jar file names. JMH is only needed to compile
/// and to run the microbenchmarks, which run on the class path (JMH forks JVMs with the
/// parent's class path), hence `requires static`.
module chatroom.bench {
    requires chatroom.server;
    requires chatroom.protocol;
    requires chatroom.client;
    requires javafx.controls;
    requires info.picocli;
    requires HdrHistogram;
    requires jdk.management;
    requires java.logging;
    requires static jmh.core;

    opens chatroom.bench to info.picocli;
}
