// Implements: REQ-F-PAY-002
import { api } from "./api";

const url = `https://pay.example.com/${id}`; // a template, braces and all

/** Implements: REQ-F-PAY-002 */
export async function charge(amount: number): Promise<Receipt> {
  const body = { amount, note: "/* not a comment" };
  return api.post(url, body);
}

export class Refunds {
  /*
   * Implements: REQ-F-PAY-003
   */
  async refund(id: string): Promise<void> {
    await api.post(`/refunds/${id}`, {});
  }

  // Implements: REQ-F-PAY-004
  cancel = async (id: string): Promise<void> => {
    items.forEach((item) => {
      // Implements: REQ-F-PAY-005
      console.log(item);
    });
  };
}
