/** One of the product's routes in the floor built with its route table: never asked for. */
export default function Elsewhere() {
  return null;
}
