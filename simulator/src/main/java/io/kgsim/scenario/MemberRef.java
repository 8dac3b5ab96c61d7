package io.kgsim.scenario;

/** {@code group/member} as timeline actions name a member, e.g. {@code billing/c2}. */
public record MemberRef(String group, String member) {
    @Override
    public String toString() {
        return group + "/" + member;
    }
}
