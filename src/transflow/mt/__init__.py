"""Machine translation: the engine interface, the engines and the chain that combines them."""
