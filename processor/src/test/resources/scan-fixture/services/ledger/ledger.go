// Package ledger books payments.
//
// Implements: REQ-F-PAY-002
package ledger

import "fmt"

// Book records a payment.
// Implements: REQ-F-PAY-002, REQ-NFR-PERF-001
func (l *Ledger) Book(p Payment) error {
	if p.Amount <= 0 {
		return fmt.Errorf("bad amount {%d}", p.Amount) // Implements: REQ-F-PAY-006
	}
	go func() {
		/* Implements: REQ-F-PAY-007 */
		l.notify(p)
	}()
	raw := `{ "json": true }`
	return nil
}

func helper() int {
	return 1 // Implements: REQ-F-PAY-008
}
