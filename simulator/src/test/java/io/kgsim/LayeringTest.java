package io.kgsim;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.kgsim.protocol.ProtocolFactory;

/**
 * The package layering of the simulator's main classes, checked on their bytecode (so a
 * dependency through a fully qualified name counts as much as one through an import). From
 * the bottom: engine; scenario; cluster; assignor; protocol; metrics; consumer and invariant;
 * fault; sim; stats; sweep; report; batch; cli. A type both sides of a would-be cycle need lives in the lower one.
 */
@AnalyzeClasses(packages = "io.kgsim", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    /** Each top-level package with its sub-packages (protocol.classic is part of protocol). */
    @ArchTest
    static final ArchRule packagesFormNoCycle = slices().matching("io.kgsim.(*)..")
            .namingSlices("$1")
            .should().beFreeOfCycles();

    /** The virtual clock, event queue and random streams know nothing of Kafka or of kgsim. */
    @ArchTest
    static final ArchRule engineDependsOnNothingElseOfKgsim = noClasses()
            .that().resideInAPackage("io.kgsim.engine..")
            .should().dependOnClassesThat(resideInAPackage("io.kgsim..").and(not(resideInAPackage("io.kgsim.engine.."))));

    /**
     * Statistics over seeds are computed from figures alone, for every caller (compare, a sweep,
     * a distributed job): they know no output format and no command line.
     */
    @ArchTest
    static final ArchRule statsKnowNoOutputNorCommandLine = noClasses()
            .that().resideInAPackage("io.kgsim.stats..")
            .should().dependOnClassesThat(resideInAPackage("io.kgsim.report..").or(resideInAPackage("io.kgsim.cli.."))
                    .or(resideInAPackage("picocli..")).or(resideInAPackage("com.fasterxml..")).or(resideInAPackage("org.knowm..")));

    /**
     * A sweep's definition (its plan, runs and outcomes) is what every engine shares, in this JVM
     * or on a Spark executor: it knows no output, no engine and no command line.
     */
    @ArchTest
    static final ArchRule sweepDefinitionKnowsNoOutputEngineNorCommandLine = noClasses()
            .that().resideInAPackage("io.kgsim.sweep..")
            .should().dependOnClassesThat(resideInAPackage("io.kgsim.report..").or(resideInAPackage("io.kgsim.batch.."))
                    .or(resideInAPackage("io.kgsim.cli..")).or(resideInAPackage("picocli..")));

    /**
     * The group protocols' seam: the run, the consumer, the timeline and the observers see a
     * group's coordinator and members only through {@code protocol.GroupCoordinator} and
     * {@code protocol.GroupMember}; only the factory that builds them knows the classic classes,
     * so a second protocol plugs in beside them.
     */
    @ArchTest
    static final ArchRule onlyTheFactoryKnowsTheClassicProtocol = noClasses()
            .that(not(resideInAPackage("io.kgsim.protocol.classic..")).and(not(belongToAnyOf(ProtocolFactory.class))))
            .should().dependOnClassesThat(resideInAPackage("io.kgsim.protocol.classic.."));

    /** The same seam for the consumer protocol (KIP-848): only the factory builds its coordinator and members. */
    @ArchTest
    static final ArchRule onlyTheFactoryKnowsTheConsumerProtocol = noClasses()
            .that(not(resideInAPackage("io.kgsim.protocol.consumer..")).and(not(belongToAnyOf(ProtocolFactory.class))))
            .should().dependOnClassesThat(resideInAPackage("io.kgsim.protocol.consumer.."));
}
