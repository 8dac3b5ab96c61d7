package io.kgsim.protocol;

import java.util.ArrayList;
import java.util.List;

/** Fans protocol events out to their observers, in registration order. */
public final class GroupEvents implements GroupEventListener {
    private final List<GroupEventListener> listeners = new ArrayList<>();

    public void add(GroupEventListener l) {
        listeners.add(l);
    }

    @Override
    public void on(GroupEvent event) {
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).on(event);
        }
    }
}
