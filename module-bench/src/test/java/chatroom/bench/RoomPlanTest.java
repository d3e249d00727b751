package chatroom.bench;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoomPlanTest {

    @Test
    @DisplayName("every room gets N*K/R members and every member K different rooms")
    void even() {
        for (int[] nrk : new int[][] {{5000, 500, 3}, {60, 6, 2}, {10_000, 500, 5}, {12, 4, 4}, {30, 10, 5}}) {
            RoomPlan plan = RoomPlan.of(nrk[0], nrk[1], nrk[2]);
            int[] sizes = new int[plan.rooms()];
            for (int member = 0; member < plan.members(); member++) {
                Set<String> mine = new HashSet<>(plan.roomNamesOf(member));
                assertThat(mine).hasSize(plan.perMember());
                for (int j = 0; j < plan.perMember(); j++) {
                    sizes[plan.room(member, j)]++;
                }
            }
            for (int size : sizes) {
                assertThat(size).isEqualTo(plan.roomSize());
            }
        }
        assertThat(RoomPlan.of(5000, 500, 3).roomSize()).isEqualTo(30);
        assertThat(RoomPlan.of(5000, 500, 3).roomNamesOf(167)).containsExactly("#r1", "#r2", "#r3");
    }

    @Test
    @DisplayName("uneven rooms and out-of-range numbers are refused with a way out")
    void refused() {
        assertThatThrownBy(() -> RoomPlan.of(10, 3, 2)).isInstanceOf(BenchException.Usage.class)
                .hasMessageContaining("--rooms 2");
        assertThatThrownBy(() -> RoomPlan.of(10, 2, 3)).isInstanceOf(BenchException.Usage.class);
        assertThatThrownBy(() -> RoomPlan.of(10, 0, 1)).isInstanceOf(BenchException.Usage.class);
        assertThatThrownBy(() -> RoomPlan.of(10, 5, 0)).isInstanceOf(BenchException.Usage.class);
    }
}
