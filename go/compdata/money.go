package compdata

import (
	"fmt"
	"strconv"

	"google.golang.org/genproto/googleapis/type/money"
)

// FormatMoney writes m as whole units with thousands separators, rounded
// half away from zero: "USD 184,320". Nil is "-".
func FormatMoney(m *money.Money) string {
	if m == nil {
		return "-"
	}
	// units and nanos carry the same sign (google.type.Money).
	units, nanos := m.GetUnits(), int64(m.GetNanos())
	if nanos >= 500000000 {
		units++
	} else if nanos <= -500000000 {
		units--
	}
	sign := ""
	if units < 0 {
		sign, units = "-", -units
	}
	digits := strconv.FormatInt(units, 10)
	grouped := make([]byte, 0, len(digits)+len(digits)/3)
	for i := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			grouped = append(grouped, ',')
		}
		grouped = append(grouped, digits[i])
	}
	return fmt.Sprintf("%s %s%s", m.GetCurrencyCode(), sign, grouped)
}
