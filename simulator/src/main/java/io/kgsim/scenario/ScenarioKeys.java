package io.kgsim.scenario;

import static io.kgsim.scenario.ScenarioKey.Kind.BOOLEAN;
import static io.kgsim.scenario.ScenarioKey.Kind.BROKER_CONFIG;
import static io.kgsim.scenario.ScenarioKey.Kind.CHOICE;
import static io.kgsim.scenario.ScenarioKey.Kind.CONSUMER_CONFIG;
import static io.kgsim.scenario.ScenarioKey.Kind.DISTRIBUTION;
import static io.kgsim.scenario.ScenarioKey.Kind.DURATION;
import static io.kgsim.scenario.ScenarioKey.Kind.INTEGER;
import static io.kgsim.scenario.ScenarioKey.Kind.LIST;
import static io.kgsim.scenario.ScenarioKey.Kind.MAPPING;
import static io.kgsim.scenario.ScenarioKey.Kind.MEMBER;
import static io.kgsim.scenario.ScenarioKey.Kind.MEMBER_OR_MAPPING;
import static io.kgsim.scenario.ScenarioKey.Kind.NUMBER_LIST;
import static io.kgsim.scenario.ScenarioKey.Kind.RATE;
import static io.kgsim.scenario.ScenarioKey.Kind.SKEW;
import static io.kgsim.scenario.ScenarioKey.Kind.STRING_LIST;
import static io.kgsim.scenario.ScenarioKey.Kind.TEXT;
import static io.kgsim.scenario.ScenarioKey.of;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario format's key table: every key the loader reads, with its type, default, range,
 * meaning and an example. The loader takes defaults and ranges from here ({@link MappingReader}
 * refuses to read a key that is not in it), and {@code docs/scenario-format.md} and
 * {@code docs/scenario.schema.json} are generated from it, so the three cannot drift apart.
 * Kafka's own configs ({@code cluster.config}, {@code groups[].config}) are described by
 * Kafka's {@code ConfigDef}s, see {@link KafkaConfigs}.
 */
public final class ScenarioKeys {
    /** Where a timeline action's keys live. */
    public static final String TIMELINE_ENTRY = "timeline[]";

    private static final List<ScenarioKey> KEYS = List.of(
            of("", "name", TEXT).required().pattern("^[A-Za-z0-9._-]+$").rangeNote("letters, digits, '.', '_', '-'")
                    .doc("A short name for the scenario. It names the default output directory and titles the report.")
                    .example("rolling-restart").build(),
            of("", "description", TEXT).def("empty")
                    .doc("One or two sentences on what the scenario shows, printed at the top of `report.html`.")
                    .example("Roll-restart 4 consumers one every 60 s while producing 1,200 records/s").build(),
            of("", "seed", INTEGER).def("1")
                    .doc("The root of every random draw (latencies, processing times, member and topic ids). The same scenario and seed give "
                            + "byte-identical outputs; `kgsim run --seed N` replaces it.")
                    .example("42").build(),
            of("", "duration", DURATION).required().min(1)
                    .doc("How much virtual time to simulate. Every timeline action must happen before it.")
                    .example("10m").build(),

            of("", "cluster", MAPPING).def("3 brokers, no racks, Kafka's broker defaults")
                    .doc("The brokers.").example("{brokers: 3, racks: [az1, az2, az3]}").build(),
            of("cluster", "brokers", INTEGER).def("3").range(1, 10_000)
                    .doc("How many brokers, with ids 0 to n-1. Topic replicas are placed round-robin from a per-topic start broker; "
                            + "partition p of `__consumer_offsets` (and so the coordinator of the groups that hash to it) is led by broker p mod n.")
                    .example("3").build(),
            of("cluster", "racks", STRING_LIST).def("none")
                    .doc("The brokers' `broker.rack`: broker i sits in `racks[i % size]`. Members fetch from a replica in their own "
                            + "`client.rack` only when `cluster.config` sets `replica.selector.class` to the rack-aware selector.")
                    .example("[az1, az2, az3]").build(),
            of("cluster", "coordinator.write.latency", DURATION).def("2ms").min(0)
                    .doc("How long a group coordinator's write to `__consumer_offsets` takes to commit (the log append, and the "
                            + "followers' fetch that moves the high watermark): an offset commit, the leader's SyncGroup and a "
                            + "consumer-protocol heartbeat that changed the group are answered only then, after the batch's "
                            + "`group.coordinator.append.linger.ms`. Measured 1 to 9 ms (median 3 ms) on a single-node Kafka 4.4 "
                            + "broker on a loaded host.")
                    .example("5ms").build(),
            of("cluster", "config", BROKER_CONFIG).def("Kafka's defaults")
                    .doc("Broker configs under Kafka's own names, typed, defaulted and range-checked by Kafka's `ConfigDef` "
                            + "(see [Kafka configs](#kafka-configs)).")
                    .example("{group.initial.rebalance.delay.ms: 3000, group.max.size: 10}").build(),

            of("", "network", MAPPING).def("latency fixed(500us)").doc("The network between members and brokers.")
                    .example("{latency: lognormal(1ms, 0.3)}").build(),
            of("network", "latency", DISTRIBUTION).def("fixed(500us)")
                    .doc("One-way latency of every request and every response between a member and a broker, drawn per message "
                            + "from the member's own random stream.")
                    .example("lognormal(1ms, 0.3)").build(),

            of("", "topics", LIST).required().rangeNote("at least one")
                    .doc("The topics. Each is produced into as a fluid: log-end offsets follow from the rate, no event per record.")
                    .example("[{name: orders, partitions: 12}]").build(),
            of("topics[]", "name", TEXT).required().doc("The topic name, unique in the scenario.").example("orders").build(),
            of("topics[]", "partitions", INTEGER).def("1").range(1, 1_000_000)
                    .doc("Partitions at the start (`add-partitions` adds more).").example("12").build(),
            of("topics[]", "replication.factor", INTEGER).def("min(3, cluster.brokers)").range(1, Short.MAX_VALUE)
                    .rangeNote("at most cluster.brokers")
                    .doc("Replicas per partition. A partition stays fetchable while its leader lives; when the leader's broker dies "
                            + "the controller moves leadership to another replica.")
                    .example("3").build(),
            of("topics[]", "topic.id", TEXT).def("derived from the seed").pattern("^[A-Za-z0-9_-]{22}(==)?$").rangeNote("16 bytes in URL-safe base64; unique in the scenario")
                    .doc("The topic's id, as Kafka prints it (`kafka-topics.sh --describe`, `TopicId`). A cluster draws it at random, and the "
                            + "consumer protocol's `uniform` assignor goes through topics in the order of their ids' hash (ties between "
                            + "topics by id), so with other ids the same scenario gets another (equally valid) assignment; `kgsim replay` "
                            + "simulates with the ids the real run's topics got.")
                    .example("_7MUC2oCR3S3prTlnj_nGw").build(),
            of("topics[]", "produce", MAPPING).def("nothing is produced")
                    .doc("How records are produced into the topic.").example("{rate: 1200/s, skew: zipf(1.1)}").build(),
            of("topics[].produce", "rate", RATE).def("0/s")
                    .doc("Records per second into the whole topic, spread over its partitions by `skew` or `weights`. "
                            + "The timeline's `set-rate` and `burst` change it.")
                    .example("1200/s").build(),
            of("topics[].produce", "skew", SKEW).def("uniform")
                    .doc("How production spreads over the partitions: `uniform`, or `zipf(s)`: partition i (from 0) gets a share "
                            + "proportional to 1/(i+1)^s.")
                    .example("zipf(1.1)").build(),
            of("topics[].produce", "weights", NUMBER_LIST).def("none").rangeNote("one number >= 0 per partition")
                    .doc("Explicit relative production weight of each partition, in partition order; replaces `skew`.")
                    .example("[4, 1, 1, 1]").build(),
            of("topics[].produce", "record.bytes", INTEGER).def("1024").range(1, Integer.MAX_VALUE).unit("bytes")
                    .doc("Size of every record; counts the bytes fetched across racks (`crossRackBytes`).")
                    .example("1024").build(),

            of("", "groups", LIST).required().rangeNote("at least one")
                    .doc("The consumer groups.").example("[{group.id: billing, subscription: [orders], consumers: 4}]").build(),
            of("groups[]", "group.id", TEXT).required().pattern("^[^/]+$").rangeNote("non-empty, no '/'")
                    .doc("Kafka's `group.id`, unique in the scenario. The group's coordinator is the leader of `__consumer_offsets` "
                            + "partition abs(hash(group.id)) % `offsets.topic.num.partitions`.")
                    .example("billing").build(),
            of("groups[]", "subscription", STRING_LIST).required().rangeNote("topic names from topics[]")
                    .doc("The topics every member subscribes to, except a member that `members` gives its own `subscription` (the timeline's "
                            + "`subscribe` changes one member's later).")
                    .example("[orders]").build(),
            of("groups[]", "consumers", INTEGER).def("1").range(0, 100_000)
                    .doc("Members started at t=0, named c1 to cN; members started later take the next numbers.")
                    .example("4").build(),
            of("groups[]", "static.membership", BOOLEAN).def("false")
                    .doc("`true`: every member sets `group.instance.id` to its name (static membership, KIP-345): a restart within "
                            + "`session.timeout.ms` costs no rebalance, and close sends no LeaveGroup.")
                    .example("true").build(),
            of("groups[]", "racks", STRING_LIST).def("none")
                    .doc("The members' `client.rack`, round-robin: member cN gets `racks[(N-1) % size]`. The rack-aware assignors "
                            + "read it, and so does rack-aware fetching.")
                    .example("[az1, az2]").build(),
            of("groups[]", "processing", MAPPING).def("records cost no time")
                    .doc("What the application does with the records a poll returns.").example("{per.record: lognormal(2ms, 0.5)}").build(),
            of("groups[].processing", "per.record", DISTRIBUTION).def("fixed(0us)")
                    .doc("Processing time of one record. A batch takes the sum of one draw per record (summed exactly up to 8 records, "
                            + "from the central-limit normal beyond); the member polls again when the batch is done.")
                    .example("lognormal(2ms, 0.5)").build(),
            of("groups[]", "config", CONSUMER_CONFIG).def("Kafka's defaults")
                    .doc("Consumer configs under Kafka's own names, typed, defaulted and range-checked by Kafka's "
                            + "`ConsumerConfig.configDef()` (see [Kafka configs](#kafka-configs)).")
                    .example("{partition.assignment.strategy: cooperative-sticky, session.timeout.ms: 45000}").build(),
            of("groups[]", "commit", CHOICE).def("auto-commit (with enable.auto.commit: true)").choices("sync-per-batch", "async-per-batch", "none")
                    .rangeNote("required when config sets enable.auto.commit: false, refused otherwise")
                    .doc("How the application commits when auto-commit is off: `sync-per-batch` calls `commitSync()` with the batch's "
                            + "offsets after each batch (the next poll waits for the answer), `async-per-batch` calls `commitAsync()`, "
                            + "`none` never commits (every record stays lag, and the next owner of a partition processes it all again).")
                    .example("sync-per-batch").build(),
            of("groups[]", "members", LIST).def("every member id derived from the seed, every member on the group's subscription")
                    .doc("What the scenario fixes per member, one entry per member name: its ids, its own `subscription`, or both. "
                            + "Ids: Kafka draws them at random, and the sticky assignors, cooperative-sticky and `consumer-range` order "
                            + "members or break ties by member id, so with other ids the same scenario gets another (equally valid) "
                            + "assignment. `member.id` or `member.ids` gives the ids in the order the member gets them. Consumer protocol: "
                            + "one id per process (the client makes it, KIP-1082, and keeps it across fencing and poll timeouts), so a "
                            + "restarted member (stop/start, crash/start, rolling-restart) takes the next id. Classic: the coordinator hands "
                            + "out an id at each process start and again each time the member lost its id (session timeout, poll timeout); "
                            + "each takes the next id. Once a member's list runs out, its later ids are derived from the seed as without "
                            + "this key, so a single id fixes the first process only. Members without ids keep derived ids, members "
                            + "without a `subscription` take the group's.")
                    .example("[{name: c1, member.id: c1-0b3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a}, {name: c2, subscription: [orders, refunds]}]")
                    .build(),
            of("groups[].members[]", "name", TEXT).required().pattern("^c[1-9][0-9]*$")
                    .rangeNote("a member the group has: c1..cN from consumers and the timeline's starts")
                    .doc("The member's name, listed once.").example("c1").build(),
            of("groups[].members[]", "member.id", TEXT).rangeNote("this or member.ids (or neither, with subscription)")
                    .doc("The member's one fixed id (its first; later ones are derived). Classic protocol: `<client.id or "
                            + "group.instance.id>-<UUID>`, as the coordinator makes it (the prefix is kept as given). Consumer protocol: any "
                            + "non-blank string, as the coordinator accepts (the Java client makes a `Uuid`, e.g. `bmN5VsA2Qgy2FcvlC4dkAw`).")
                    .example("c1-0b3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a").build(),
            of("groups[].members[]", "member.ids", STRING_LIST).rangeNote("this or member.id; at least one; unique in the group")
                    .doc("The member's fixed ids, one per id it gets, in order (same form as `member.id`).")
                    .example("[bmN5VsA2Qgy2FcvlC4dkAw, k0BUdJ1tT4ygvQ7f2Zb3nA]").build(),
            of("groups[].members[]", "subscription", STRING_LIST).def("the group's subscription").rangeNote("at least one topic from topics[]")
                    .doc("The member's own subscription instead of the group's `subscription`, so that members of one group subscribe "
                            + "to different topics: from its first start on, restarts included (as its own config would be), until the "
                            + "timeline's `subscribe` changes it.")
                    .example("[orders, refunds]").build(),

            of("", "timeline", LIST).def("no actions")
                    .doc("What happens during the run: each entry is `at` plus one action. Entries run in time order "
                            + "(entries at the same time in file order), whatever order the file lists them in.")
                    .example("[{at: 30s, crash: billing/c2}]").build(),
            of(TIMELINE_ENTRY, "at", DURATION).required().min(0).rangeNote("before duration")
                    .doc("When the action happens, in virtual time from the start.").example("30s").build(),
            of(TIMELINE_ENTRY, "start", MEMBER_OR_MAPPING)
                    .doc("`group/member` starts again a member that was stopped or crashed, under the same name (a new process: new "
                            + "assignor instances, a new member id unless static). `{group, count}` starts `count` new members named with "
                            + "the next unused numbers.")
                    .example("{group: billing, count: 2}").build(),
            of("timeline[].start", "group", TEXT).required().doc("The group to start members in.").example("billing").build(),
            of("timeline[].start", "count", INTEGER).def("1").range(1, 100_000).doc("How many new members.").example("2").build(),
            of(TIMELINE_ENTRY, "stop", MEMBER)
                    .doc("Graceful close: the member finishes the batch in hand (a manual commit pattern commits it), then closes as "
                            + "`KafkaConsumer.close()` does: a synchronous commit when auto-commit is on, revocation, and LeaveGroup (a static "
                            + "member sends none and stays in the group until its session times out).")
                    .example("billing/c1").build(),
            of(TIMELINE_ENTRY, "crash", MEMBER)
                    .doc("The process is killed: no commit, no LeaveGroup; its heartbeats stop and the coordinator removes it at its "
                            + "session timeout. What it processed since its last commit is processed again by the next owner.")
                    .example("billing/c2").build(),
            of(TIMELINE_ENTRY, "rolling-restart", MAPPING)
                    .doc("Restarts the members running when it begins, in name order: member i is stopped gracefully (as `stop`) "
                            + "at i x `interval` after the action and started again, under the same name, `downtime` later; one "
                            + "still finishing its batch then starts again as soon as it has closed (a replacement process starts only "
                            + "once the old one has exited).")
                    .example("{group: billing, interval: 60s, downtime: 10s}").build(),
            of("timeline[].rolling-restart", "group", TEXT).required().doc("The group to restart.").example("billing").build(),
            of("timeline[].rolling-restart", "interval", DURATION).required().min(1)
                    .doc("Time between two members' stops.").example("60s").build(),
            of("timeline[].rolling-restart", "downtime", DURATION).def("0us").min(0)
                    .doc("How long each member stays down before it starts again.").example("10s").build(),
            of(TIMELINE_ENTRY, "pause", MAPPING)
                    .doc("The member stands still for a while: a stop-the-world GC pause or a stuck record handler.")
                    .example("{member: billing/c3, for: 400s, kind: gc}").build(),
            of("timeline[].pause", "member", MEMBER).required().doc("The member to pause.").example("billing/c3").build(),
            of("timeline[].pause", "for", DURATION).required().min(1).doc("How long the pause lasts.").example("400s").build(),
            of("timeline[].pause", "kind", CHOICE).def("gc").choices("gc", "handler")
                    .doc("`gc` freezes the whole process, heartbeats included (the session timeout can expire); `handler` freezes only "
                            + "the application thread, the heartbeat thread goes on (`max.poll.interval.ms` can expire).")
                    .example("handler").build(),
            of(TIMELINE_ENTRY, "cut-network", MAPPING)
                    .doc("The member cannot reach its group coordinator, but can still fetch: its heartbeats and commits time out "
                            + "after `request.timeout.ms`, and it learns it was removed only when the network heals (a zombie).")
                    .example("{member: billing/c3, for: 60s}").build(),
            of("timeline[].cut-network", "member", MEMBER).required().doc("The member cut off.").example("billing/c3").build(),
            of("timeline[].cut-network", "for", DURATION).required().min(1).doc("How long the cut lasts.").example("60s").build(),
            of(TIMELINE_ENTRY, "broker-crash", MAPPING)
                    .doc("A broker dies and comes back later. Its partitions cannot be fetched until the controller fences it after "
                            + "`broker.session.timeout.ms` and moves their leadership, the group coordinator's included.")
                    .example("{broker: 1, for: 2m}").build(),
            of("timeline[].broker-crash", "broker", INTEGER).required().min(0).rangeNote("below cluster.brokers")
                    .doc("The broker id, from 0.").example("1").build(),
            of("timeline[].broker-crash", "for", DURATION).required().min(1).doc("How long the broker stays down.").example("2m").build(),
            of(TIMELINE_ENTRY, "add-partitions", MAPPING)
                    .doc("The topic grows. The group sees the new partitions when its leader's metadata refresh "
                            + "(`metadata.max.age.ms`) notices them.")
                    .example("{topic: orders, count: 24}").build(),
            of("timeline[].add-partitions", "topic", TEXT).required().doc("The topic that grows.").example("orders").build(),
            of("timeline[].add-partitions", "count", INTEGER).required().range(1, 1_000_000).rangeNote("above the topic's count by then")
                    .doc("The new total partition count (Kafka only adds partitions).").example("24").build(),
            of(TIMELINE_ENTRY, "set-rate", MAPPING)
                    .doc("The topic's production rate changes from now on.").example("{topic: orders, rate: 3000/s}").build(),
            of("timeline[].set-rate", "topic", TEXT).required().doc("The topic whose production changes.").example("orders").build(),
            of("timeline[].set-rate", "rate", RATE).required().doc("The new rate of the whole topic.").example("3000/s").build(),
            of(TIMELINE_ENTRY, "burst", MAPPING)
                    .doc("The topic produces at another rate for a while, then returns to its rate.")
                    .example("{topic: orders, rate: 5000/s, for: 30s}").build(),
            of("timeline[].burst", "topic", TEXT).required().doc("The topic whose production changes.").example("orders").build(),
            of("timeline[].burst", "rate", RATE).required().doc("The rate during the burst, whole topic.").example("5000/s").build(),
            of("timeline[].burst", "for", DURATION).required().min(1).doc("How long the burst lasts.").example("30s").build(),
            of(TIMELINE_ENTRY, "scale", MAPPING)
                    .doc("Starts members (stopped ones first, in name order, then new ones with the next unused numbers) or gracefully "
                            + "stops running ones (the last in name order first) until `to` members run.")
                    .example("{group: billing, to: 6}").build(),
            of("timeline[].scale", "group", TEXT).required().doc("The group to scale.").example("billing").build(),
            of("timeline[].scale", "to", INTEGER).required().range(0, 100_000).doc("How many members should run.").example("6").build(),
            of(TIMELINE_ENTRY, "subscribe", MAPPING)
                    .doc("The member's subscription changes and it rejoins (a cooperative member first gives up the partitions of "
                            + "topics it dropped).")
                    .example("{member: billing/c3, topics: [orders, refunds]}").build(),
            of("timeline[].subscribe", "member", MEMBER).required().doc("The member whose subscription changes.").example("billing/c3").build(),
            of("timeline[].subscribe", "topics", STRING_LIST).required().rangeNote("at least one topic from topics[]")
                    .doc("The new subscription.").example("[orders, refunds]").build(),

            of("", "compare", STRING_LIST).def("none (`kgsim compare` then needs --strategies)")
                    .doc("The strategies `kgsim compare` runs by default: " + "`range`, `roundrobin`, `sticky`, `cooperative-sticky`, "
                            + "or an assignor class name.")
                    .example("[range, sticky, cooperative-sticky]").build(),
            of("", "simulation", MAPPING).def("batch.interval 100ms")
                    .doc("Knobs of the simulation itself, not of Kafka.").example("{batch.interval: 100ms}").build(),
            of("simulation", "batch.interval", DURATION).def("100ms").min(0)
                    .doc("A consumer that keeps up (fewer than `max.poll.records` waiting) takes its next batch no sooner than this "
                            + "after the previous one began: the real client drains the records that arrive during a batch in ever "
                            + "smaller batches, one event each. Throughput is unchanged; the latency of a consumer that keeps up grows "
                            + "by up to this much.")
                    .example("100ms").build());

    private static final Map<String, ScenarioKey> BY_PATH = index();

    private ScenarioKeys() {
    }

    private static Map<String, ScenarioKey> index() {
        Map<String, ScenarioKey> m = new LinkedHashMap<>();
        for (ScenarioKey k : KEYS) {
            if (m.put(k.path(), k) != null) {
                throw new IllegalStateException("the key table lists " + k.path() + " twice");
            }
        }
        return m;
    }

    /** Every key, in reference order (a mapping's keys follow it). */
    public static List<ScenarioKey> all() {
        return KEYS;
    }

    /** The key at {@code path}; a path missing from the table is a bug in the loader, not bad input. */
    public static ScenarioKey get(String path) {
        ScenarioKey k = BY_PATH.get(path);
        if (k == null) {
            throw new IllegalStateException("the scenario loader reads '" + path + "', which the key table (ScenarioKeys) lacks");
        }
        return k;
    }

    /** The keys of the mapping at {@code parent} ({@code ""} for the top level, {@code groups[]} for each group). */
    public static List<ScenarioKey> children(String parent) {
        List<ScenarioKey> out = new ArrayList<>();
        for (ScenarioKey k : KEYS) {
            if (k.parent().equals(parent)) {
                out.add(k);
            }
        }
        return out;
    }

    /** The timeline's action names, in table order. */
    public static List<String> actions() {
        List<String> out = new ArrayList<>();
        for (ScenarioKey k : children(TIMELINE_ENTRY)) {
            if (!k.name().equals("at")) {
                out.add(k.name());
            }
        }
        return out;
    }
}
